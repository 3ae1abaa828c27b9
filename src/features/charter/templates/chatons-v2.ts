import type { BoundKind, CharterTemplate } from './charter-template.ts';

/*
 * A paraphrase of the CHATONS collective charter, version 2 (2020).
 *
 * The charter's name spells its principles: a Collective of Hosts that are Alternative,
 * Transparent, Open, Neutral and in Solidarity. Its text has seven sections: "Le Collectif",
 * then one per word of "Hébergeurs Alternatifs, Transparents, Ouverts, Neutres et Solidaires".
 * The six principles here are the six qualities of that name (hosts, alternative, transparent,
 * open, neutral, solidarity). "Le Collectif" is the charter's preamble: what it binds is how
 * members treat one another and their users, which is the same commitment to mutual respect and
 * sharing that "Solidaires" develops, so its two criteria open the solidarity principle.
 *
 * Levels follow the seed exactly: a criterion listed under "Critères requis" is required, one
 * under "Critère(s) recommandé(s)" is recommended; one criterion here per item of the seed.
 *
 * CHATONS binds hosts. Criteria about infrastructure apply to hosting providers only; those about
 * behaviour, openness and governance also fit a digital-security provider and apply to both.
 */

const HOSTING: BoundKind[] = ['hosting-provider'];
const PROVIDERS: BoundKind[] = ['hosting-provider', 'security-provider'];

export const chatonsV2: CharterTemplate = {
  key: 'chatons-v2',
  name: { en: 'CHATONS charter (version 2)', fr: 'Charte CHATONS (version 2)' },
  summary: {
    en: 'Independent hosts that run free software, take no profit from their users’ data, publish how they operate and help the people they serve become autonomous.',
    fr: 'Des hébergeurs indépendants qui font tourner des logiciels libres, ne tirent aucun profit des données de leurs utilisateurs, rendent public leur fonctionnement et aident les personnes à gagner en autonomie.',
  },
  basedOn: 'CHATONS collective charter, version 2 (February 2020)',
  principles: [
    {
      key: 'hosts',
      title: { en: 'Hosts in control', fr: 'Des hébergeurs maîtres de leur infrastructure' },
      summary: {
        en: 'The member itself runs the services that store or carry other people’s data, and says plainly how much of the machinery underneath it controls.',
        fr: 'Le membre fait tourner lui-même les services qui stockent ou acheminent les données d’autrui, et dit clairement quelle part de l’infrastructure il maîtrise.',
      },
      criteria: [
        {
          key: 'root-access',
          level: 'required',
          title: { en: 'Administrator access to the systems', fr: 'Accès administrateur aux systèmes' },
          explanation: {
            en: 'The member holds root access to the operating system on which each of its public services ultimately runs. Say so service by service.',
            fr: 'Le membre dispose des droits root sur le système d’exploitation où tourne, au bout du compte, chacun de ses services en ligne. Précisez-le service par service.',
          },
          evidence: 'statement',
          appliesTo: HOSTING,
        },
        {
          key: 'rented-servers-no-access-clause',
          level: 'required',
          title: { en: 'Rented servers come with a no-access clause', fr: 'Serveurs loués : une clause de non-accès' },
          explanation: {
            en: 'If the member rents virtual or dedicated servers, its contract with the supplier forbids the supplier from looking at the data. Say which clause provides this.',
            fr: 'Si le membre loue des serveurs virtuels ou dédiés, son contrat interdit au loueur de consulter les données. Indiquez la clause qui le prévoit.',
          },
          evidence: 'statement',
          appliesTo: HOSTING,
        },
        {
          key: 'control-level-stated',
          level: 'required',
          title: { en: 'Tells people how much it controls', fr: 'Informer du degré de maîtrise' },
          explanation: {
            en: 'Visitors and users can read on the member’s site how far its control over its infrastructure goes. Link to that page.',
            fr: 'Visiteurs comme personnes hébergées peuvent lire, sur le site du membre, jusqu’où va sa maîtrise de l’infrastructure. Donnez le lien vers cette page.',
          },
          evidence: 'document-link',
          appliesTo: HOSTING,
        },
        {
          key: 'hardware-host-named',
          level: 'required',
          title: { en: 'Names who runs the hardware', fr: 'Nommer qui héberge le matériel' },
          explanation: {
            en: 'The member publishes, without ambiguity, which hardware and software it controls and which company or data centre physically houses its servers. Link to that page.',
            fr: 'Le membre publie sans détour ce qu’il maîtrise du matériel et des logiciels, ainsi que le nom de l’entreprise ou du centre de données qui abrite physiquement ses serveurs. Donnez le lien vers cette page.',
          },
          evidence: 'document-link',
          appliesTo: HOSTING,
        },
        {
          key: 'compatible-suppliers',
          level: 'required',
          title: { en: 'Suppliers that share these values', fr: 'Des fournisseurs compatibles avec la charte' },
          explanation: {
            en: 'The member avoids suppliers, technical or not, whose practices clash with this charter, above all those that harvest personal data. When it cannot do without one, it tells its users.',
            fr: 'Le membre se passe autant qu’il le peut de prestataires, techniques ou non, dont les pratiques heurtent cette charte, surtout ceux qui collectent des données personnelles. Quand il ne peut pas s’en passer, il le dit aux personnes qu’il héberge.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'full-infrastructure-control',
          level: 'recommended',
          title: { en: 'Full control, hypervisor included', fr: 'Maîtrise complète, hyperviseur compris' },
          explanation: {
            en: 'Ideally the member controls its servers, network, software and data all the way down to the hypervisor, so that nobody else can technically reach the data.',
            fr: 'Idéalement, le membre maîtrise ses serveurs, son réseau, ses logiciels et ses données jusqu’à l’hyperviseur, si bien que personne d’autre ne peut techniquement atteindre les données.',
          },
          evidence: 'statement',
          appliesTo: HOSTING,
        },
      ],
    },
    {
      key: 'alternative',
      title: { en: 'An alternative to data-hungry platforms', fr: 'Une alternative aux plateformes qui captent les données' },
      summary: {
        en: 'The member offers free-software services as a way out of closed, centralised services that live off personal data.',
        fr: 'Le membre propose des services libres pour échapper aux services fermés et centralisés qui vivent des données personnelles.',
      },
      criteria: [
        {
          key: 'infrastructure-documentation',
          level: 'required',
          title: { en: 'Documents its infrastructure and services', fr: 'Une documentation publique' },
          explanation: {
            en: 'The member publishes documentation describing how its infrastructure is built and how each of its services works. Link to it.',
            fr: 'Le membre publie une documentation qui décrit la construction de son infrastructure et le fonctionnement de chacun de ses services. Donnez-en le lien.',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
        {
          key: 'no-usage-tracking',
          level: 'required',
          title: { en: 'No tracking of how people use the services', fr: 'Pas de pistage des usages' },
          explanation: {
            en: 'Usage is measured only to produce statistics, run the services or administer them, never to follow people. Haven checks that the home page loads nothing from third parties, where trackers usually hide.',
            fr: 'Le membre ne mesure les usages que pour produire des statistiques, faire tourner les services ou les administrer, jamais pour suivre les personnes. Haven vérifie que la page d’accueil ne charge rien depuis des tiers, là où se cachent d’ordinaire les traceurs.',
          },
          evidence: 'automated-check',
          check: 'third-party-requests',
          appliesTo: PROVIDERS,
        },
        {
          key: 'users-freedoms-first',
          level: 'required',
          title: { en: 'Users’ freedoms come first', fr: 'Les libertés des personnes d’abord' },
          explanation: {
            en: 'In every decision, the member puts the fundamental freedoms of the people it serves, starting with their privacy, ahead of its own convenience.',
            fr: 'Dans chacune de ses décisions, le membre fait passer les libertés fondamentales des personnes qu’il sert, à commencer par leur vie privée, avant sa propre commodité.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'no-advertising-networks',
          level: 'required',
          title: { en: 'No advertising networks', fr: 'Aucune régie publicitaire' },
          explanation: {
            en: 'The member never uses an ad network. Showing a sponsor’s name or logo is fine as long as no personal information reaches the sponsor.',
            fr: 'Le membre n’a jamais recours à une régie publicitaire. Afficher le nom ou le logo d’un mécène reste possible, pourvu qu’aucune donnée personnelle ne lui parvienne.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'no-commercial-use-of-data',
          level: 'required',
          title: { en: 'Users’ data is not for sale', fr: 'Pas de commerce des données' },
          explanation: {
            en: 'The member makes no commercial use whatsoever of the data or metadata of the people it hosts.',
            fr: 'Le membre ne tire aucun profit commercial des données ni des métadonnées des personnes qu’il héberge.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
      ],
    },
    {
      key: 'transparent',
      title: { en: 'Transparency', fr: 'Transparence' },
      summary: {
        en: 'People know what they sign up for: clear terms, public records of incidents, backups and activity, and no claim by the member over what they create.',
        fr: 'Les personnes savent à quoi elles s’engagent : des conditions claires, des comptes rendus publics sur les incidents, les sauvegardes et l’activité, et aucun droit revendiqué par le membre sur ce qu’elles produisent.',
      },
      criteria: [
        {
          key: 'technical-stack-public',
          level: 'required',
          title: { en: 'Publishes its technical stack', fr: 'Une pile technique publique' },
          explanation: {
            en: 'The member says which operating system distribution and which software run its infrastructure. Details that would help an attacker, such as exact version numbers, may be left out.',
            fr: 'Le membre indique quelle distribution et quels logiciels font tourner son infrastructure. Il peut taire les détails utiles à un attaquant, comme les numéros de version exacts.',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
        {
          key: 'security-best-effort',
          level: 'required',
          title: { en: 'Does its best to secure the infrastructure', fr: 'Sécuriser au mieux' },
          explanation: {
            en: 'Securing the infrastructure is an obligation of means: the member does all it reasonably can. Haven checks the security headers its sites send as one visible sign of that care.',
            fr: 'Sécuriser l’infrastructure est une obligation de moyens : le membre fait tout ce qu’il peut raisonnablement faire. Haven vérifie les en-têtes de sécurité envoyés par ses sites, signe visible de ce soin.',
          },
          evidence: 'automated-check',
          check: 'security-headers',
          appliesTo: PROVIDERS,
        },
        {
          key: 'backup-policy-public',
          level: 'required',
          title: { en: 'A documented backup policy', fr: 'Une politique de sauvegarde publiée' },
          explanation: {
            en: 'The member chooses the backup policy that suits it and publishes it: what is backed up, how often, for how long and where.',
            fr: 'Le membre choisit sa façon de sauvegarder et la rend publique : ce qui est sauvegardé, à quelle fréquence, combien de temps et où.',
          },
          evidence: 'document-link',
          appliesTo: HOSTING,
        },
        {
          key: 'incident-journal',
          level: 'required',
          title: { en: 'A technical incident journal', fr: 'Un journal des incidents' },
          explanation: {
            en: 'The member keeps a public log of outages and other technical incidents affecting its services. Link to it, or to its journal in Haven.',
            fr: 'Le membre tient un registre public des pannes et autres incidents techniques qui touchent ses services. Donnez le lien vers ce registre, ou vers son journal dans Haven.',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
        {
          key: 'no-ownership-of-content',
          level: 'required',
          title: { en: 'Claims no rights over users’ content', fr: 'Aucun droit sur les contenus' },
          explanation: {
            en: 'What the people it hosts produce, content, data and metadata alike, stays theirs; the member claims no ownership of any of it.',
            fr: 'Les contenus, données et métadonnées que produisent les personnes hébergées leur appartiennent ; le membre ne s’en attribue aucune propriété.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'offer-and-prices-public',
          level: 'required',
          title: { en: 'Public offer and prices', fr: 'Une offre et des tarifs publics' },
          explanation: {
            en: 'The member publishes which services it offers and what each costs, including when they are free.',
            fr: 'Le membre publie la liste des services qu’il propose et leur prix, y compris lorsqu’ils sont gratuits.',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
        {
          key: 'terms-of-service',
          level: 'required',
          title: { en: 'Clear terms of service', fr: 'Des conditions d’utilisation claires' },
          explanation: {
            en: 'The member publishes terms of service that are easy to find, unambiguous and written so that most people can understand them.',
            fr: 'Le membre publie des conditions générales d’utilisation faciles à trouver, sans ambiguïté et rédigées pour être comprises du plus grand nombre.',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
        {
          key: 'privacy-clause',
          level: 'required',
          title: { en: 'A privacy section in the terms', fr: 'Une clause sur la vie privée' },
          explanation: {
            en: 'The terms contain a section on personal data and privacy that states the member’s policy plainly. Link to that section.',
            fr: 'Les conditions d’utilisation comportent une partie consacrée aux données personnelles et à la vie privée, qui expose clairement la politique du membre. Donnez le lien vers cette partie.',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
        {
          key: 'activity-reports-public',
          level: 'required',
          title: { en: 'Public activity reports', fr: 'Des rapports d’activité publics' },
          explanation: {
            en: 'The member publishes reports on its activity, at the very least for the part this charter covers.',
            fr: 'Le membre publie ses rapports d’activité, au minimum pour ce qui relève de cette charte.',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
        {
          key: 'security-policy-shared',
          level: 'required',
          title: { en: 'Tells users the essentials of its security', fr: 'Informer sur la sécurité' },
          explanation: {
            en: 'The member explains to the people it hosts the main points of its security and backup policy, leaving out anything that would weaken it.',
            fr: 'Le membre explique aux personnes hébergées l’essentiel de ses règles de sécurité et de sauvegarde, sans rien dévoiler qui les affaiblirait.',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
        {
          key: 'support-and-difficulties',
          level: 'required',
          title: { en: 'Talks openly about its difficulties', fr: 'Parler de ses difficultés' },
          explanation: {
            en: 'Through a support channel and incident notices, the member keeps the people it hosts informed of the problems it meets in running its organisation and services. Link to them.',
            fr: 'Par un canal d’assistance et des avis d’incident, le membre tient les personnes hébergées au courant des difficultés qu’il rencontre pour faire vivre sa structure et ses services. Donnez-en les liens.',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
        {
          key: 'anonymised-usage-statistics',
          level: 'recommended',
          title: { en: 'Anonymised usage statistics', fr: 'Des statistiques d’usage anonymisées' },
          explanation: {
            en: 'The member publishes usage figures from which no individual can be identified.',
            fr: 'Le membre publie des chiffres d’utilisation qui ne permettent d’identifier personne.',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
        {
          key: 'public-accounts',
          level: 'recommended',
          title: { en: 'Public accounts', fr: 'Des comptes publics' },
          explanation: {
            en: 'The member publishes its financial accounts, at least for the activity this charter covers.',
            fr: 'Le membre publie ses comptes financiers, au minimum pour l’activité couverte par cette charte.',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
      ],
    },
    {
      key: 'open',
      title: { en: 'Free software and open standards', fr: 'Logiciels libres et standards ouverts' },
      summary: {
        en: 'Services run on free software and open formats only; the member publishes its changes, gives back to free software and lets people leave with their data.',
        fr: 'Les services reposent uniquement sur des logiciels libres et des formats ouverts ; le membre publie ses modifications, contribue au Libre et laisse partir les personnes avec leurs données.',
      },
      criteria: [
        {
          key: 'free-software-only',
          level: 'required',
          title: { en: 'Free software only, exceptions listed', fr: 'Uniquement du logiciel libre, exceptions listées' },
          explanation: {
            en: 'Every program the member runs is under a licence the Free Software Foundation considers free. Firmware with no working free replacement, the BIOS and any component the member cannot access appear on a public list stating their purpose; link to it.',
            fr: 'Tous les programmes utilisés par le membre sont sous une licence que la Free Software Foundation reconnaît comme libre. Les micrologiciels sans alternative libre utilisable, le BIOS et les composants auxquels il n’a pas accès figurent sur une liste publique qui précise leur rôle ; donnez-en le lien.',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
        {
          key: 'free-operating-system',
          level: 'required',
          title: { en: 'A free operating system', fr: 'Un système d’exploitation libre' },
          explanation: {
            en: 'The machines that serve hosted people run a free operating system distribution, for example a GNU/Linux distribution or FreeBSD.',
            fr: 'Les machines qui servent les personnes hébergées tournent sous un système libre, par exemple une distribution GNU/Linux ou FreeBSD.',
          },
          evidence: 'statement',
          appliesTo: HOSTING,
        },
        {
          key: 'package-list-on-request',
          level: 'required',
          title: { en: 'Package list on request', fr: 'Liste des paquets sur demande' },
          explanation: {
            en: 'When asked, the member tells which packages are installed on the machines behind its user-facing services.',
            fr: 'Sur simple demande, le membre indique quels paquets sont installés sur les machines qui font tourner ses services.',
          },
          evidence: 'statement',
          appliesTo: HOSTING,
        },
        {
          key: 'open-formats',
          level: 'required',
          title: { en: 'Open formats', fr: 'Des formats ouverts' },
          explanation: {
            en: 'In its hosting work the member only uses open file and data formats.',
            fr: 'Dans son activité d’hébergement, le membre s’en tient aux formats ouverts.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'publish-modifications',
          level: 'required',
          title: { en: 'Changes to the code are published', fr: 'Des modifications publiées' },
          explanation: {
            en: 'When the member modifies the source code of software it runs, it makes those changes public under a compatible free licence.',
            fr: 'Quand le membre modifie le code source d’un logiciel qu’il utilise, il rend ces modifications publiques sous une licence libre compatible.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'contribute-to-free-software',
          level: 'required',
          title: { en: 'Gives back to free software', fr: 'Contribuer au Libre' },
          explanation: {
            en: 'Within its means, the member contributes to the free software movement: code, money, documentation, translation or other help.',
            fr: 'Selon ses moyens, le membre apporte sa pierre au mouvement du logiciel libre : code, dons, documentation, traduction ou autre.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'leave-with-data',
          level: 'required',
          title: { en: 'Leaving with one’s data', fr: 'Partir avec ses données' },
          explanation: {
            en: 'People can leave the member’s services and take their data with them in open formats, and the member makes this easy.',
            fr: 'Les personnes peuvent quitter les services du membre en emportant leurs données dans des formats ouverts, et le membre leur facilite la tâche.',
          },
          evidence: 'statement',
          appliesTo: HOSTING,
        },
        {
          key: 'deletion-on-request',
          level: 'required',
          title: { en: 'Deletion for good on request', fr: 'Suppression définitive sur demande' },
          explanation: {
            en: 'On request, the member permanently erases an account and the personal data attached to it, within legal and technical limits that its terms state in advance. Link to that part of the terms.',
            fr: 'À la demande de la personne, le membre efface définitivement son compte et ses données personnelles, dans des limites légales et techniques annoncées à l’avance dans ses conditions d’utilisation. Donnez le lien vers ce passage.',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
        {
          key: 'free-firmware',
          level: 'recommended',
          title: { en: 'Free firmware and drivers too', fr: 'Des micrologiciels libres aussi' },
          explanation: {
            en: 'For hardware as well (BIOS, firmware, drivers), the member uses only freely licensed software.',
            fr: 'Pour le matériel aussi (BIOS, micrologiciels, pilotes), le membre n’utilise que des logiciels sous licence libre.',
          },
          evidence: 'statement',
          appliesTo: HOSTING,
        },
        {
          key: 'contributions-listed',
          level: 'recommended',
          title: { en: 'Lists its contributions', fr: 'Des contributions recensées' },
          explanation: {
            en: 'The member keeps a public list of what it has contributed to free software.',
            fr: 'Le membre tient à jour une liste publique de ses contributions au logiciel libre.',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
      ],
    },
    {
      key: 'neutral',
      title: { en: 'Neutrality', fr: 'Neutralité' },
      summary: {
        en: 'The member does not watch, censor or hand over what passes through its services, and answers authorities only when the law obliges it to.',
        fr: 'Le membre ne surveille pas, ne censure pas et ne livre pas ce qui transite par ses services ; il ne répond aux autorités que lorsque la loi l’y oblige.',
      },
      criteria: [
        {
          key: 'no-surveillance',
          level: 'required',
          title: { en: 'No watching of users', fr: 'Pas de surveillance' },
          explanation: {
            en: 'The member does not monitor what people do on its services beyond what administration, operations or improving the services require.',
            fr: 'Le membre n’observe pas ce que font les personnes sur ses services, hormis ce qu’exigent l’administration, l’exploitation technique ou l’amélioration des services.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'no-prior-censorship',
          level: 'required',
          title: { en: 'No censorship in advance', fr: 'Pas de censure préalable' },
          explanation: {
            en: 'The member does not screen or remove hosted content before any problem has been raised about it.',
            fr: 'Le membre ne filtre ni ne retire les contenus hébergés avant qu’un problème lui ait été signalé.',
          },
          evidence: 'statement',
          appliesTo: HOSTING,
        },
        {
          key: 'strong-encryption',
          level: 'required',
          title: { en: 'Strong encryption in transit and at rest', fr: 'Un chiffrement fort' },
          explanation: {
            en: 'The member shields data from outside attack with strong encryption wherever it can, both on the network and in storage. Haven checks TLS on the member’s sites; describe how stored data is encrypted in your answer.',
            fr: 'Le membre protège les données des attaques extérieures par un chiffrement fort partout où c’est possible, sur le réseau comme dans les fichiers et les bases. Haven vérifie le TLS de ses sites ; décrivez le chiffrement du stockage dans votre réponse.',
          },
          evidence: 'automated-check',
          check: 'tls',
          appliesTo: PROVIDERS,
        },
        {
          key: 'authority-request-register',
          level: 'required',
          title: { en: 'A register of authority requests', fr: 'Un registre des réquisitions' },
          explanation: {
            en: 'The member keeps, for the people it hosts, a list of the administrative and legal requests it has received. Where the law forbids revealing them, it is encouraged to set up a warrant canary beforehand.',
            fr: 'Le membre tient à la disposition des personnes hébergées la liste des demandes administratives ou judiciaires qu’il a reçues. Si la loi lui interdit de les révéler, il est invité à publier d’avance un canari (warrant canary).',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
        {
          key: 'lawful-order-only',
          level: 'required',
          title: { en: 'Personal data only against a proper legal order', fr: 'Rien sans réquisition en bonne forme' },
          explanation: {
            en: 'The member hands over no personal information to an administration or authority until it is served with a valid legal order.',
            fr: 'Le membre ne transmet aucune donnée personnelle à une administration ou à une autorité tant qu’on ne lui a pas présenté une réquisition légale régulière.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'kind-moderation',
          level: 'required',
          title: { en: 'Moderation with care', fr: 'Modérer avec bienveillance' },
          explanation: {
            en: 'When moderation is needed, the member applies its terms of service fairly and with goodwill.',
            fr: 'Quand il faut modérer, le membre applique ses conditions d’utilisation avec discernement et bienveillance.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
      ],
    },
    {
      key: 'solidarity',
      title: { en: 'A collective in solidarity', fr: 'Un collectif solidaire' },
      summary: {
        en: 'Members treat each other and their users with respect, share what they know and keep their services within everyone’s reach.',
        fr: 'Les membres se traitent entre eux, et traitent leurs utilisateurs, avec respect ; ils partagent leurs savoirs et gardent leurs services à la portée de toutes et tous.',
      },
      criteria: [
        {
          key: 'respect-for-members',
          level: 'required',
          title: { en: 'Respect towards other members', fr: 'Respect envers les autres membres' },
          explanation: {
            en: 'The member behaves with respect and kindness towards the other members of the collective.',
            fr: 'Le membre se comporte avec respect et bienveillance envers les autres membres du collectif.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'respect-for-users',
          level: 'required',
          title: { en: 'Respect towards users', fr: 'Respect envers les utilisateurs' },
          explanation: {
            en: 'The member behaves with respect and kindness towards the people who use its services.',
            fr: 'Le membre se comporte avec respect et bienveillance envers les personnes qui utilisent ses services.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'meet-and-involve-users',
          level: 'required',
          title: { en: 'Meeting and involving users', fr: 'Rencontrer et associer les personnes hébergées' },
          explanation: {
            en: 'As far as its means allow, the member builds in ways to meet the people it hosts in person, talk with them and let them take part.',
            fr: 'Dans la mesure de ses moyens, le membre prévoit de quoi rencontrer physiquement les personnes hébergées, échanger avec elles et les faire participer.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'accessible-services',
          level: 'required',
          title: { en: 'Accessible to everyone', fr: 'Accessible à toutes et tous' },
          explanation: {
            en: 'The member works actively so that everyone can use its services, in particular by following web accessibility standards.',
            fr: 'Le membre agit concrètement pour que chacun et chacune puisse utiliser ses services, notamment en suivant les normes d’accessibilité du web.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'inclusive-governance',
          level: 'required',
          title: { en: 'Inclusive governance', fr: 'Une gouvernance inclusive' },
          explanation: {
            en: 'The member practises and promotes an inclusive way of organising that values diversity and gives marginalised or excluded groups a real say in how things develop.',
            fr: 'Le membre pratique et défend une organisation inclusive qui valorise la diversité et donne aux groupes marginalisés ou exclus une vraie place dans les décisions.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'no-exclusion-in-advance',
          level: 'required',
          title: { en: 'Nobody turned away in advance', fr: 'N’exclure personne d’emblée' },
          explanation: {
            en: 'The member may focus on chosen audiences, for example by place or interest, but rules nobody out beforehand. It points requests outside its scope to another member or helps a fitting service come about.',
            fr: 'Le membre peut viser des publics particuliers, selon le lieu ou les centres d’intérêt par exemple, sans écarter personne à l’avance. Il oriente les demandes qui sortent de son champ vers un autre membre ou aide une solution adaptée à voir le jour.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'solidarity-economic-model',
          level: 'required',
          title: { en: 'An economic model based on solidarity', fr: 'Un modèle économique solidaire' },
          explanation: {
            en: 'Paid services are priced reasonably for what they cost to run. The lowest full-time-equivalent pay in the organisation, bonuses and dividends included, is at least a quarter of the highest.',
            fr: 'Les services payants sont facturés à un prix raisonnable au regard de ce qu’ils coûtent. En équivalent temps plein et en comptant primes et dividendes, la rémunération la plus basse de la structure atteint au moins le quart de la plus haute.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
        {
          key: 'share-knowledge',
          level: 'required',
          title: { en: 'Shares its knowledge openly', fr: 'Partager ses savoirs' },
          explanation: {
            en: 'The member publishes what it knows as widely as it can under a free licence, with particular care for people without a technical background. Link to some of it.',
            fr: 'Le membre diffuse ses connaissances aussi largement que possible, sous licence libre, en pensant particulièrement aux personnes sans bagage technique. Donnez quelques liens.',
          },
          evidence: 'document-link',
          appliesTo: PROVIDERS,
        },
        {
          key: 'popular-education',
          level: 'required',
          title: { en: 'Helping people become autonomous', fr: 'Éducation populaire' },
          explanation: {
            en: 'Through workshops, meetups, training or collaborative writing sessions, the member helps the people it serves gain independence, so that the Internet stays within everyone’s reach.',
            fr: 'Par des ateliers, rencontres, formations ou séances d’écriture collective, le membre aide les publics qu’il vise à gagner en autonomie, pour qu’Internet reste à la portée de chacun.',
          },
          evidence: 'statement',
          appliesTo: PROVIDERS,
        },
      ],
    },
  ],
};
