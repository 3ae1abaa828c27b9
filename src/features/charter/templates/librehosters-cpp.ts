import type { BoundKind, CharterTemplate } from './charter-template.ts';

/*
 * A paraphrase of the Librehosters "Commitments, Policies and Processes" (CPP).
 *
 * The four groups of commitments become four principles; the member-facing duties scattered
 * through "Policies and Processes" (delegate, services page, public relations, collective
 * decisions, community standards) become a fifth. The joining and leaving procedures and the
 * network's own functioning are not criteria a member meets: Haven's membership capability
 * carries them (review window, monthly meeting, consensus, leaving).
 *
 * The seed marks no levels. A plain "Librehosters do …" is read as required; the two items the
 * seed itself leaves to circumstance are recommended: end-to-end encryption ("when possible",
 * depends on what software exists) and taking part in decisions (members are "invited"). Data
 * export also says "when possible", but portability is one of the network's headline values,
 * so it stays required and the member reports where its software falls short.
 */

const PROVIDERS: BoundKind[] = ['hosting-provider', 'security-provider'];

export const librehostersCpp: CharterTemplate = {
  key: 'librehosters-cpp',
  name: {
    en: 'Librehosters commitments, policies and processes',
    fr: 'Engagements, règles et procédures des Librehosters',
  },
  summary: {
    en: 'A loose network of free-software service providers who cooperate, share their know-how, never exploit personal data and let people take their data elsewhere.',
    fr: 'Un réseau informel de fournisseurs de services libres qui coopèrent, partagent leur savoir-faire, n’exploitent jamais les données personnelles et laissent chacun repartir avec ses données.',
  },
  basedOn: 'Librehosters network CPP (commitments, policies and processes)',
  principles: [
    {
      key: 'solidarity-and-cooperation',
      title: { en: 'Solidarity and cooperation', fr: 'Solidarité et coopération' },
      summary: {
        en: 'Members stand by one another and by the principles the network shares.',
        fr: 'Les membres se soutiennent et défendent ensemble les principes du réseau.',
      },
      criteria: [
        {
          key: 'solidarity-bonds',
          level: 'required',
          title: { en: 'Builds ties of solidarity', fr: 'Tisser des liens solidaires' },
          explanation: {
            en: 'The member forges ties of solidarity with the other members, grounded in the principles the network holds in common.',
            fr: 'Le membre tisse avec les autres membres des liens de solidarité fondés sur les principes communs du réseau.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'mutual-help',
          level: 'required',
          title: { en: 'Helps other members', fr: 'S’entraider' },
          explanation: {
            en: 'The member lends a hand to other members who need it, online or face to face.',
            fr: 'Le membre prête main-forte aux autres membres qui en ont besoin, en ligne comme en personne.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'share-know-how',
          level: 'required',
          title: { en: 'Shares its know-how', fr: 'Partager son savoir-faire' },
          explanation: {
            en: 'The member passes what it knows, and the techniques it uses, on to the rest of the network.',
            fr: 'Le membre transmet au reste du réseau ses connaissances et ses techniques.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'promote-values',
          level: 'required',
          title: { en: 'Promotes the network’s values', fr: 'Porter les valeurs du réseau' },
          explanation: {
            en: 'The member makes the network and its values known through its own communication.',
            fr: 'Le membre fait connaître le réseau et défend ses valeurs dans sa propre communication.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'replicable-services',
          level: 'required',
          title: { en: 'Services others can reproduce', fr: 'Des services reproductibles' },
          explanation: {
            en: 'The member aims for services that others could set up again, and shares its configuration files with fellow members.',
            fr: 'Le membre vise des services que d’autres pourraient remettre en place, et partage ses fichiers de configuration avec les autres membres.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'self-reflection',
          level: 'required',
          title: { en: 'Listens and reflects', fr: 'Écouter et se remettre en question' },
          explanation: {
            en: 'The member keeps up a continuing conversation with the others, listens actively and is willing to question its own practice.',
            fr: 'Le membre entretient un dialogue suivi avec les autres, écoute vraiment et accepte de remettre en question ses pratiques.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
      ],
    },
    {
      key: 'free-software-and-commons',
      title: { en: 'Free software and the commons', fr: 'Logiciel libre et biens communs' },
      summary: {
        en: 'Everything runs on free software that others could reproduce, and members give back to the projects they rely on.',
        fr: 'Tout repose sur des logiciels libres que d’autres pourraient reproduire, et les membres contribuent aux projets dont ils dépendent.',
      },
      criteria: [
        {
          key: 'free-software-stack',
          level: 'required',
          title: { en: 'Runs on free software', fr: 'Uniquement du logiciel libre' },
          explanation: {
            en: 'Every server and service is built on free software, set up so that someone else could offer the same service without writing extra code.',
            fr: 'Serveurs et services fonctionnent avec des logiciels libres, installés de telle sorte qu’un tiers puisse proposer le même service sans rien développer de plus.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'open-formats',
          level: 'required',
          title: { en: 'Open formats', fr: 'Des formats ouverts' },
          explanation: {
            en: 'The member publishes in open formats and, where it makes sense, makes the sources of its publications available too.',
            fr: 'Le membre publie dans des formats ouverts et, quand c’est pertinent, met aussi à disposition les sources de ses publications.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'licence-compliance',
          level: 'required',
          title: { en: 'Honours software licences', fr: 'Respecter les licences' },
          explanation: {
            en: 'The member keeps to the terms of the free licences it relies on, for instance by naming them and linking to the source code. Link to the page where it does so.',
            fr: 'Le membre respecte les conditions des licences libres qu’il utilise, par exemple en les citant et en renvoyant au code source. Donnez le lien vers la page où il le fait.',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
        {
          key: 'contribute-upstream',
          level: 'required',
          title: { en: 'Contributes upstream', fr: 'Contribuer en amont' },
          explanation: {
            en: 'The member gives back to the free software projects and communities whose work it uses.',
            fr: 'Le membre contribue aux projets et communautés du logiciel libre dont il utilise le travail.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
      ],
    },
    {
      key: 'transparency-and-fairness',
      title: { en: 'Transparency and fairness', fr: 'Transparence et loyauté' },
      summary: {
        en: 'People can find out how accounts are run, how the member makes a living and how to reach it; their data is never exploited.',
        fr: 'Chacun peut savoir comment les comptes sont gérés, de quoi vit le membre et comment le joindre ; les données ne sont jamais exploitées.',
      },
      criteria: [
        {
          key: 'account-policy-and-terms',
          level: 'required',
          title: { en: 'Public account policy and terms', fr: 'Politique des comptes et conditions d’utilisation' },
          explanation: {
            en: 'The member publishes how it administers user accounts, together with terms of service that are clear, easy to reach and consistent with the network’s values.',
            fr: 'Le membre publie sa façon d’administrer les comptes, ainsi que des conditions d’utilisation claires, faciles d’accès et cohérentes avec les valeurs du réseau.',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
        {
          key: 'economic-model-page',
          level: 'required',
          title: { en: 'Explains its economic model', fr: 'Un modèle économique expliqué' },
          explanation: {
            en: 'A page that users find easily explains in plain words how the member pays for what it does.',
            fr: 'Une page facile à trouver explique simplement comment le membre finance son activité.',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
        {
          key: 'no-data-exploitation',
          level: 'required',
          title: { en: 'No exploitation of personal data', fr: 'Pas d’exploitation des données' },
          explanation: {
            en: 'Personal data serves internal administration and the technical running of the services, and nothing else.',
            fr: 'Les données personnelles servent à l’administration interne et au fonctionnement technique des services, à rien d’autre.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'careful-application-review',
          level: 'required',
          title: { en: 'Reviews applications with care', fr: 'Examiner les candidatures avec soin' },
          explanation: {
            en: 'The member examines applications to join the network thoroughly and treats them as a chance to get to know newcomers and welcome them.',
            fr: 'Le membre étudie avec attention les demandes d’adhésion au réseau et y voit l’occasion de faire connaissance avec les nouveaux venus et de bien les accueillir.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'public-contact',
          level: 'required',
          title: { en: 'A clear public contact', fr: 'Un contact public clair' },
          explanation: {
            en: 'The public has one obvious way to reach the member, ideally an e-mail address. Link to where it is published.',
            fr: 'Le public dispose d’un moyen évident de joindre le membre, de préférence une adresse électronique. Donnez le lien où elle figure.',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
      ],
    },
    {
      key: 'privacy-and-portability',
      title: { en: 'Privacy and data portability', fr: 'Vie privée et portabilité des données' },
      summary: {
        en: 'People keep control of their data, encryption is never a paid extra and traffic passes through untouched.',
        fr: 'Les personnes gardent la main sur leurs données, le chiffrement n’est jamais une option payante et le trafic circule sans être altéré.',
      },
      criteria: [
        {
          key: 'data-export',
          level: 'required',
          title: { en: 'People can take their data with them', fr: 'Récupérer ses données' },
          explanation: {
            en: 'Wherever the software allows it, people can see, export and get back their personal data. Say which services do not allow it yet.',
            fr: 'Partout où le logiciel le permet, les personnes peuvent consulter, exporter et récupérer leurs données personnelles. Signalez les services qui ne le permettent pas encore.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'encryption-at-no-cost',
          level: 'required',
          title: { en: 'Encryption at no extra cost', fr: 'Le chiffrement sans supplément' },
          explanation: {
            en: 'Encryption protects privacy and free communication, so it is treated as a right and never charged for. Haven checks that the member’s sites use TLS.',
            fr: 'Le chiffrement protège la vie privée et la liberté de communiquer : c’est un droit, jamais facturé en plus. Haven vérifie que les sites du membre utilisent TLS.',
          },
          evidence: 'automated-check',
          check: 'tls',
          appliesTo: PROVIDERS,
        },
        {
          key: 'end-to-end-encryption',
          level: 'recommended',
          title: { en: 'End-to-end encryption where it exists', fr: 'Le chiffrement de bout en bout quand il existe' },
          explanation: {
            en: 'Where a service can be offered in a version that encrypts end to end, the member offers that version.',
            fr: 'Lorsqu’un service existe dans une version chiffrée de bout en bout, le membre propose cette version.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'untouched-traffic',
          level: 'required',
          title: { en: 'Traffic left untouched', fr: 'Un trafic intact' },
          explanation: {
            en: 'The member neither alters nor inspects the traffic crossing its services, and favours no protocol over another.',
            fr: 'Le membre ne modifie ni n’inspecte le trafic qui passe par ses services, et ne favorise aucun protocole.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
      ],
    },
    {
      key: 'network-life',
      title: { en: 'Taking part in the network', fr: 'Vie du réseau' },
      summary: {
        en: 'How a member can be reached, presents itself and acts within a network that has no legal form of its own.',
        fr: 'Comment un membre se rend joignable, se présente et agit au sein d’un réseau sans existence juridique propre.',
      },
      criteria: [
        {
          key: 'single-delegate',
          level: 'required',
          title: { en: 'One delegate, one address', fr: 'Une délégation, une adresse' },
          explanation: {
            en: 'The member names one person or delegation, reachable at a single e-mail address, as its contact with the other members, and says when that changes.',
            fr: 'Le membre désigne une personne ou une délégation, joignable à une seule adresse électronique, pour le représenter auprès des autres membres, et signale tout changement.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'services-page',
          level: 'required',
          title: { en: 'A page presenting its services', fr: 'Une page qui présente ses services' },
          explanation: {
            en: 'The member publishes a web page describing the services it offers, and the network uses that address as its reference. Haven checks that the page answers.',
            fr: 'Le membre publie une page web décrivant les services qu’il propose ; le réseau s’en sert comme adresse de référence. Haven vérifie que la page répond.',
          },
          evidence: 'automated-check',
          check: 'reachability',
          appliesTo: PROVIDERS,
        },
        {
          key: 'speak-with-approval',
          level: 'required',
          title: { en: 'Speaks for the network only with approval', fr: 'Parler au nom du réseau' },
          explanation: {
            en: 'The member does not speak on the network’s behalf unless the members agreed beforehand; talking about the network in its own name is welcome.',
            fr: 'Le membre ne s’exprime au nom du réseau qu’avec l’accord préalable des membres ; il reste libre d’en parler en son nom propre.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'join-decisions',
          level: 'recommended',
          title: { en: 'Takes part in shared decisions', fr: 'Participer aux décisions' },
          explanation: {
            en: 'The member joins collective decisions as often as it can, seeking consensus and, failing that, rough consensus.',
            fr: 'Le membre prend part aux décisions collectives aussi souvent que possible, en cherchant le consensus et, à défaut, un consensus approximatif.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'community-standards',
          level: 'required',
          title: { en: 'Upholds community standards', fr: 'Respecter les règles communes' },
          explanation: {
            en: 'The member respects and defends the community’s standards, including any code of conduct the network adopts.',
            fr: 'Le membre respecte et fait respecter les règles de la communauté, y compris le code de conduite que le réseau adoptera.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
      ],
    },
  ],
};
