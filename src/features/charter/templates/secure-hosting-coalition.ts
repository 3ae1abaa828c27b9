import type { BoundKind, CharterTemplate } from './charter-template.ts';

/*
 * A paraphrase of the Secure Hosting Coalition charter and its two annexes.
 *
 * The charter's "Principles" paragraphs become two principles (protecting people and their
 * rights; independence), its three numbered commitments become three more (transparency,
 * standards, collaboration), and each annex becomes a principle binding only the kind it
 * addresses: intermediary organisations (annex 1) and donors (annex 2). The core binds both
 * kinds of provider.
 *
 * The seed marks no levels. Promises about protecting users and being honest with them are
 * required, even where the seed says "seek to"; aims the seed frames as values or
 * aspirations (diverse funding, volunteer support, local-language partnerships, the UN guiding
 * principles) are recommended.
 *
 * Two gaps in the seed are filled, and said so here. Its "Standards" section gives the reasons
 * for measurable standards but names none, so that principle starts with the coalition's
 * standards in general plus three checks Haven can measure (TLS, a security contact, no
 * third-party requests); the last two are recommended. The annexes' "Independence" items are
 * headings with no text; their criteria carry the charter's own independence principle over to
 * intermediaries and donors.
 */

const PROVIDERS: BoundKind[] = ['hosting-provider', 'security-provider'];
const INTERMEDIARY: BoundKind[] = ['intermediary'];
const DONOR: BoundKind[] = ['donor'];

export const secureHostingCoalition: CharterTemplate = {
  key: 'secure-hosting-coalition',
  name: { en: 'Secure Hosting Coalition charter', fr: 'Charte de la coalition pour un hébergement sécurisé' },
  summary: {
    en: 'Providers who host human-rights defenders, journalists and activists protect them in proportion to their risks, say honestly what they can do, and answer to their peers; intermediaries and donors commit to protect the same people.',
    fr: 'Des prestataires qui hébergent des défenseurs des droits humains, des journalistes et des militants les protègent à la mesure des risques qu’ils courent, disent franchement ce dont ils sont capables et rendent des comptes à leurs pairs ; intermédiaires et bailleurs s’engagent à protéger ces mêmes personnes.',
  },
  basedOn: 'Secure Hosting Coalition charter, with its annexes for intermediaries and donors',
  principles: [
    {
      key: 'rights-and-protection',
      title: { en: 'Protecting people and their rights', fr: 'Protéger les personnes et leurs droits' },
      summary: {
        en: 'Members help people at risk exercise their rights online, and protect them in proportion to the risks they actually face.',
        fr: 'Les membres aident les personnes exposées à exercer leurs droits en ligne et les protègent à la mesure des risques qu’elles courent réellement.',
      },
      criteria: [
        {
          key: 'uphold-human-rights',
          level: 'required',
          title: { en: 'Defends rights online', fr: 'Défendre les droits en ligne' },
          explanation: {
            en: 'The member helps the people and organisations it serves to speak freely, reach information, keep their privacy and gather together on the Internet.',
            fr: 'Le membre aide les personnes et organisations qu’il sert à s’exprimer librement, à s’informer, à préserver leur vie privée et à se réunir sur Internet.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'measurable-protection',
          level: 'required',
          title: { en: 'Measurable protection against common attacks', fr: 'Une protection mesurable' },
          explanation: {
            en: 'The member takes concrete steps, which can be measured, to keep its users, their data and its services safe and available in the face of common attacks. Haven checks the security headers of its sites as one such measure.',
            fr: 'Le membre prend des mesures concrètes et vérifiables pour protéger les personnes, leurs données et la disponibilité de ses services face aux attaques courantes. Haven contrôle les en-têtes de sécurité de ses sites, qui en font partie.',
          },
          evidence: 'automated-check',
          check: 'security-headers',
          appliesTo: PROVIDERS,
        },
        {
          key: 'standard-risk-evaluation',
          level: 'required',
          title: { en: 'Uses a recognised risk evaluation', fr: 'Évaluer les risques avec méthode' },
          explanation: {
            en: 'The member assesses each user’s situation with a recognised method: who their adversaries are, how they work and what skills they have. Name the method you use.',
            fr: 'Le membre évalue la situation de chaque utilisateur avec une méthode reconnue : ses adversaires, sa façon de travailler, ses compétences. Indiquez la méthode employée.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'proportionate-service',
          level: 'required',
          title: { en: 'Service in proportion to the risk', fr: 'Un service proportionné au risque' },
          explanation: {
            en: 'The member designs and runs each service to match the risks, skills and community of the people using it, so that using the service does not itself put them in danger.',
            fr: 'Le membre conçoit et exploite chaque service en fonction des risques, des compétences et de l’entourage de ses utilisateurs, afin que son usage ne les mette pas lui-même en danger.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'informed-consent',
          level: 'required',
          title: { en: 'Informed consent, privacy and anonymity', fr: 'Consentement éclairé et anonymat' },
          explanation: {
            en: 'The member asks for genuinely informed consent and respects people’s privacy, or their anonymity when they need it.',
            fr: 'Le membre recueille un consentement réellement éclairé et respecte la vie privée des personnes, ou leur anonymat quand elles en ont besoin.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'user-education',
          level: 'required',
          title: { en: 'Helps users gain the skills they need', fr: 'Former les utilisateurs' },
          explanation: {
            en: 'When people lack the skills to use a service safely, the member trains them or points them to training.',
            fr: 'Quand des personnes n’ont pas les compétences pour utiliser un service sans danger, le membre les forme ou les oriente vers une formation.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
      ],
    },
    {
      key: 'independence',
      title: { en: 'Independence', fr: 'Indépendance' },
      summary: {
        en: 'Members serve their users, never the intelligence or foreign-policy aims of governments or funders.',
        fr: 'Les membres servent leurs utilisateurs, jamais les visées de renseignement ou de politique étrangère des États ou des bailleurs.',
      },
      criteria: [
        {
          key: 'no-intelligence-gathering',
          level: 'required',
          title: { en: 'Never a channel for intelligence gathering', fr: 'Jamais un instrument de renseignement' },
          explanation: {
            en: 'Neither the member nor its staff let themselves be used, deliberately or through carelessness, to collect politically, socially, militarily or economically sensitive information for governments or other bodies.',
            fr: 'Ni le membre ni son personnel ne se laissent utiliser, sciemment ou par négligence, pour recueillir des informations politiques, sociales, militaires ou économiques sensibles au profit d’États ou d’autres organismes.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'needs-not-donor-interest',
          level: 'required',
          title: { en: 'Driven by needs, not by donors', fr: 'Guidé par les besoins, pas par les bailleurs' },
          explanation: {
            en: 'The member spends the support it receives on its users’ needs, and is nobody’s tool for a donor government’s foreign policy or political interest.',
            fr: 'Le membre consacre l’aide reçue aux besoins de ses utilisateurs et ne se fait l’outil ni de la politique étrangère ni des intérêts politiques d’un bailleur.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'diverse-funding',
          level: 'recommended',
          title: { en: 'More than one source of funding', fr: 'Des financements diversifiés' },
          explanation: {
            en: 'To stay independent, the member avoids relying on a single funder. Say roughly how your funding is spread.',
            fr: 'Pour rester indépendant, le membre évite de dépendre d’un seul bailleur. Indiquez à grands traits la répartition de vos ressources.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'voluntary-support',
          level: 'recommended',
          title: { en: 'Welcomes volunteer time and gifts', fr: 'Encourager bénévolat et dons' },
          explanation: {
            en: 'The member values and encourages the time and money that individuals give of their own accord, as a source of independence.',
            fr: 'Le membre valorise et encourage le temps et l’argent que des particuliers lui donnent librement, gages de son indépendance.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
      ],
    },
    {
      key: 'transparency',
      title: { en: 'Transparency', fr: 'Transparence' },
      summary: {
        en: 'Users have a right to know what a member offers, which levels of risk it can handle and how it deals with legal demands.',
        fr: 'Les utilisateurs ont le droit de savoir ce que propose un membre, à quels niveaux de risque il peut faire face et comment il traite les demandes légales.',
      },
      criteria: [
        {
          key: 'service-scope',
          level: 'required',
          title: { en: 'States the scope of its services', fr: 'Le périmètre des services' },
          explanation: {
            en: 'The member tells users and partners what its services cover and which standards and good practices it follows. Link to that description.',
            fr: 'Le membre indique à ses utilisateurs et partenaires ce que couvrent ses services et quelles normes et bonnes pratiques il applique. Donnez le lien vers cette description.',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
        {
          key: 'honest-risk-fitness',
          level: 'required',
          title: { en: 'Honest about fitness for each risk level', fr: 'Franchise sur les niveaux de risque' },
          explanation: {
            en: 'The member says openly which risk profiles its services suit, and never hides or inflates what it can do for people at high risk, whether it is talking to users, intermediaries or donors.',
            fr: 'Le membre dit ouvertement à quels profils de risque ses services conviennent, sans jamais cacher ni grossir ses capacités envers les personnes très exposées, qu’il s’adresse aux utilisateurs, aux intermédiaires ou aux bailleurs.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'legal-request-procedure',
          level: 'required',
          title: { en: 'Explains how it handles legal demands', fr: 'Le traitement des demandes légales' },
          explanation: {
            en: 'The member publishes in which cases, in what way and for what reasons it must comply with legal demands such as takedown orders, and the procedure it follows.',
            fr: 'Le membre publie dans quels cas, de quelle manière et pour quelles raisons il doit se plier à des demandes légales (retrait de contenu, par exemple), et la procédure qu’il suit.',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
        {
          key: 'keep-users-informed',
          level: 'required',
          title: { en: 'Keeps users informed of threats', fr: 'Informer des menaces' },
          explanation: {
            en: 'The member tells people how the risks they face are changing, whether their data is intact and which attacks target them, and answers their questions promptly.',
            fr: 'Le membre tient les personnes informées de l’évolution des risques, de l’intégrité de leurs données et des attaques qui les visent, et répond vite à leurs questions.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'local-languages-and-referrals',
          level: 'recommended',
          title: { en: 'Local languages and referrals', fr: 'Langues locales et orientation' },
          explanation: {
            en: 'The member builds partnerships that help it speak its users’ languages and send them on to other providers or resources.',
            fr: 'Le membre noue des partenariats pour communiquer dans la langue de ses utilisateurs et les orienter vers d’autres prestataires ou ressources.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
      ],
    },
    {
      key: 'standards',
      title: { en: 'Shared standards', fr: 'Des normes communes' },
      summary: {
        en: 'Members adopt common, measurable standards so that users and funders can compare providers on objective grounds.',
        fr: 'Les membres adoptent des normes communes et mesurables, pour que les utilisateurs et les financeurs puissent comparer les prestataires sur des bases objectives.',
      },
      criteria: [
        {
          key: 'adopt-coalition-standards',
          level: 'required',
          title: { en: 'Follows the coalition’s standards', fr: 'Appliquer les normes de la coalition' },
          explanation: {
            en: 'The member applies the coalition’s technical and behavioural standards for every risk level it claims to serve, and accepts being measured against them.',
            fr: 'Le membre applique les normes techniques et de comportement de la coalition pour chaque niveau de risque qu’il dit pouvoir servir, et accepte d’être évalué à leur aune.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'encrypted-transport',
          level: 'required',
          title: { en: 'Encrypted connections everywhere', fr: 'Des connexions chiffrées partout' },
          explanation: {
            en: 'Every public service is reached only over valid TLS. Haven checks this on the member’s sites, along with certificate expiry.',
            fr: 'Chaque service public n’est accessible qu’en TLS valide. Haven le vérifie sur les sites du membre, ainsi que l’expiration des certificats.',
          },
          evidence: 'automated-check',
          check: 'tls',
          appliesTo: PROVIDERS,
        },
        {
          key: 'security-contact',
          level: 'recommended',
          title: { en: 'A published security contact', fr: 'Un contact publié pour la sécurité' },
          explanation: {
            en: 'The member publishes a security.txt file so that anyone who finds a flaw knows whom to tell. Haven checks that it is present and current.',
            fr: 'Le membre publie un fichier security.txt pour que quiconque découvre une faille sache à qui la signaler. Haven vérifie sa présence et sa validité.',
          },
          evidence: 'automated-check',
          check: 'security-txt',
          appliesTo: PROVIDERS,
        },
        {
          key: 'no-third-party-requests',
          level: 'recommended',
          title: { en: 'Visitors are not exposed to third parties', fr: 'Aucun tiers ne voit passer les visiteurs' },
          explanation: {
            en: 'The member’s pages load nothing from other sites, so no outsider learns who visits them. Haven checks the home page.',
            fr: 'Les pages du membre ne chargent rien depuis d’autres sites, si bien qu’aucun tiers n’apprend qui les consulte. Haven vérifie la page d’accueil.',
          },
          evidence: 'automated-check',
          check: 'third-party-requests',
          appliesTo: PROVIDERS,
        },
      ],
    },
    {
      key: 'collaboration',
      title: { en: 'Collaboration and mutual accountability', fr: 'Coopération et redevabilité mutuelle' },
      summary: {
        en: 'Members keep their practice current by learning from their peers and answering to them.',
        fr: 'Les membres maintiennent leurs pratiques à niveau en apprenant de leurs pairs et en leur rendant des comptes.',
      },
      criteria: [
        {
          key: 'peer-learning',
          level: 'required',
          title: { en: 'Learns with its peers', fr: 'Apprendre entre pairs' },
          explanation: {
            en: 'The member takes part in knowledge exchanges and communities of practice to keep its technology up to date as threats change.',
            fr: 'Le membre participe à des échanges de savoirs et à des communautés de pratique pour tenir sa technique à jour face à des menaces qui évoluent.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'peer-accountability',
          level: 'required',
          title: { en: 'Answers to its peers', fr: 'Rendre des comptes aux pairs' },
          explanation: {
            en: 'Members hold one another to account: the member takes part in peer evaluations, of others and of itself, and follows up on what they find.',
            fr: 'Les membres se demandent mutuellement des comptes : le membre participe aux évaluations par les pairs, des autres comme de lui-même, et donne suite à leurs conclusions.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'share-practices',
          level: 'required',
          title: { en: 'Shares what works and what does not', fr: 'Partager réussites et erreurs' },
          explanation: {
            en: 'The member tells its peers about its good practices and about its mistakes too.',
            fr: 'Le membre fait part à ses pairs de ses bonnes pratiques comme de ses erreurs.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'business-and-human-rights',
          level: 'recommended',
          title: { en: 'Follows the UN principles on business and human rights', fr: 'Suivre les principes de l’ONU sur les entreprises et les droits humains' },
          explanation: {
            en: 'The member works towards applying the United Nations guiding principles for businesses on human rights in the way it operates.',
            fr: 'Le membre s’efforce d’appliquer dans son activité les Principes directeurs des Nations unies relatifs aux entreprises et aux droits de l’homme.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
      ],
    },
    {
      key: 'intermediary-commitments',
      title: { en: 'Commitments of intermediary organisations', fr: 'Engagements des organisations intermédiaires' },
      summary: {
        en: 'For NGOs and civil-society, humanitarian, educational or public bodies that commission hosting on behalf of people at risk.',
        fr: 'Pour les ONG et les organismes associatifs, humanitaires, éducatifs ou publics qui commandent un hébergement pour le compte de personnes exposées.',
      },
      criteria: [
        {
          key: 'intermediary-independence',
          level: 'required',
          title: { en: 'Commissions independently', fr: 'Commander en toute indépendance' },
          explanation: {
            en: 'The intermediary chooses and pays for hosting according to its beneficiaries’ needs, not the agenda of its own funders or of any government.',
            fr: 'L’intermédiaire choisit et paie l’hébergement selon les besoins de ses bénéficiaires, et non selon l’agenda de ses propres bailleurs ou d’un gouvernement.',
          },
          evidence: 'statement',
          appliesTo: INTERMEDIARY,
        },
        {
          key: 'beneficiary-privacy-first',
          level: 'required',
          title: { en: 'Puts beneficiaries’ privacy first', fr: 'La vie privée des bénéficiaires d’abord' },
          explanation: {
            en: 'The privacy of the individuals it serves outweighs the intermediary’s own wish for information about them.',
            fr: 'La vie privée des personnes servies passe avant le désir de l’intermédiaire d’en savoir plus sur elles.',
          },
          evidence: 'statement',
          appliesTo: INTERMEDIARY,
        },
        {
          key: 'consent-before-sharing',
          level: 'required',
          title: { en: 'User data only with informed consent', fr: 'Aucune donnée sans consentement' },
          explanation: {
            en: 'The intermediary receives information about users from providers only when those users have knowingly agreed to it.',
            fr: 'L’intermédiaire ne reçoit des prestataires d’informations sur les utilisateurs que si ceux-ci y ont consenti en connaissance de cause.',
          },
          evidence: 'statement',
          appliesTo: INTERMEDIARY,
        },
        {
          key: 'aggregated-reporting',
          level: 'required',
          title: { en: 'Reporting in aggregate', fr: 'Des comptes rendus agrégés' },
          explanation: {
            en: 'The intermediary asks for aggregated or anonymised reports, weighing its own need to report against the privacy of the people served.',
            fr: 'L’intermédiaire demande des rapports agrégés ou anonymisés, en mettant en balance son besoin de rendre compte et la vie privée des personnes servies.',
          },
          evidence: 'statement',
          appliesTo: INTERMEDIARY,
        },
        {
          key: 'beneficiary-risk-evaluation',
          level: 'required',
          title: { en: 'Evaluates its beneficiaries’ risks', fr: 'Évaluer les risques des bénéficiaires' },
          explanation: {
            en: 'The intermediary carries out, or pays someone to carry out, a recognised risk evaluation of the environment each beneficiary works in.',
            fr: 'L’intermédiaire réalise ou fait réaliser, selon une méthode reconnue, une évaluation des risques du contexte où travaille chaque bénéficiaire.',
          },
          evidence: 'statement',
          appliesTo: INTERMEDIARY,
        },
        {
          key: 'proportionate-resources',
          level: 'required',
          title: { en: 'Resources in proportion to the risk', fr: 'Des moyens à la mesure du risque' },
          explanation: {
            en: 'The intermediary puts resources into protecting users that match what the risk evaluation found.',
            fr: 'L’intermédiaire consacre à la protection des utilisateurs des moyens à la hauteur de ce qu’a révélé l’évaluation des risques.',
          },
          evidence: 'statement',
          appliesTo: INTERMEDIARY,
        },
        {
          key: 'adapt-own-practices',
          level: 'required',
          title: { en: 'Adapts its own practices', fr: 'Adapter ses propres pratiques' },
          explanation: {
            en: 'The intermediary raises its own security practices to the level that the environments it works in demand.',
            fr: 'L’intermédiaire hisse ses propres pratiques de sécurité au niveau qu’exigent les contextes où il intervient.',
          },
          evidence: 'statement',
          appliesTo: INTERMEDIARY,
        },
        {
          key: 'informed-client',
          level: 'required',
          title: { en: 'An informed client', fr: 'Un client averti' },
          explanation: {
            en: 'The intermediary keeps itself informed of the people, technology and money that secure hosting takes at each level of risk.',
            fr: 'L’intermédiaire se tient informé des compétences, des moyens techniques et du budget qu’exige un hébergement sécurisé à chaque niveau de risque.',
          },
          evidence: 'statement',
          appliesTo: INTERMEDIARY,
        },
      ],
    },
    {
      key: 'donor-commitments',
      title: { en: 'Commitments of donors', fr: 'Engagements des bailleurs de fonds' },
      summary: {
        en: 'For funders of secure hosting: fund without strings, weigh what ending a grant does to people, and ask only for figures that protect privacy.',
        fr: 'Pour les financeurs de l’hébergement sécurisé : financer sans contrepartie politique, mesurer ce que coûte l’arrêt d’un financement et ne demander que des chiffres respectueux de la vie privée.',
      },
      criteria: [
        {
          key: 'donor-independence',
          level: 'required',
          title: { en: 'Funding without strings', fr: 'Financer sans contrepartie' },
          explanation: {
            en: 'The donor attaches no political conditions to its funding and does not use it to steer whom a provider serves.',
            fr: 'Le bailleur n’assortit son financement d’aucune condition politique et ne s’en sert pas pour orienter le choix des personnes qu’un prestataire accompagne.',
          },
          evidence: 'statement',
          appliesTo: DONOR,
        },
        {
          key: 'funding-continuity',
          level: 'required',
          title: { en: 'Mindful of ending funding', fr: 'La continuité des financements' },
          explanation: {
            en: 'The donor recognises that stopping a grant has a human cost for the people being protected, and gives enough notice for other support to be found.',
            fr: 'Le bailleur reconnaît que l’arrêt d’un financement a un coût humain pour les personnes protégées, et prévient assez tôt pour laisser le temps de trouver d’autres soutiens.',
          },
          evidence: 'statement',
          appliesTo: DONOR,
        },
        {
          key: 'privacy-in-reporting',
          level: 'required',
          title: { en: 'Reporting that protects privacy', fr: 'Des rapports respectueux de la vie privée' },
          explanation: {
            en: 'The donor asks only for aggregated or anonymised figures, weighing its need to follow its grants against the privacy of the people served.',
            fr: 'Le bailleur ne demande que des chiffres agrégés ou anonymisés, en mettant en balance son besoin de suivi et la vie privée des personnes servies.',
          },
          evidence: 'statement',
          appliesTo: DONOR,
        },
        {
          key: 'consent-for-sharing',
          level: 'required',
          title: { en: 'No user data without consent', fr: 'Rien sur les personnes sans leur accord' },
          explanation: {
            en: 'The donor expects no information about an individual user to be passed on, to itself or to intermediaries, unless that user knowingly agreed.',
            fr: 'Le bailleur n’attend aucune information sur un utilisateur en particulier, pour lui-même ou pour des intermédiaires, sans que celui-ci y ait consenti en connaissance de cause.',
          },
          evidence: 'statement',
          appliesTo: DONOR,
        },
      ],
    },
  ],
};
