import { defineMessages } from '../../platform/i18n/locale.ts';

/**
 * The default code of conduct, until stewards write their own: a paraphrase of the coalition's seed text.
 * Plain text: a blank line between paragraphs, "## " starts a heading, "- " a list item.
 */
const DEFAULT_EN = `Everyone who takes part in the coalition — members, providers, the people they protect, guests — follows this code in every space it runs: Haven itself, online channels and meetings, events and the gatherings around them.

We want a place where digital-security problems can be raised without shame. Mistakes and compromises happen to everyone: meet them with patience and help, not blame.

Nobody should be harassed here, whatever their gender, gender identity or expression, age, sexual orientation, disability, appearance, body, origin, religion or belief, choice of tools or level of skill. Whoever breaks this code may be sanctioned or removed from the coalition's spaces.

## What counts as harassment

Harassment happens online as much as in person. It includes, among other things:

- remarks that demean people for who they are, or that reinforce domination;
- unwanted comments on someone's way of life, health, family or work;
- calling someone by a name or gender they have rejected, on purpose;
- sexual images or behaviour where they do not belong, and unwanted sexual attention;
- touching, or describing touching, without consent or after being asked to stop;
- threats, intimidation, or pushing anyone towards violence or self-harm;
- stalking, following, or recording people to target them;
- repeatedly disrupting discussions, talks or events;
- continuing to contact someone who asked you to stop;
- revealing someone's identity, private messages or addresses without their consent;
- recruiting others to target someone, or encouraging any of the above.

The safety of marginalised people comes before the comfort of the privileged. Reports about "reverse" discrimination, about someone setting a boundary ("leave me alone"), about a tone you dislike, or about criticism of oppressive behaviour will not be acted upon.

Let people leave a conversation that troubles them, and warn before raising subjects that may be painful.

## Reporting

If you are harassed, see someone else harassed, or are worried about anything else, report it through Haven, with or without an account. Reports are confidential and nobody will ask you to do anything that makes you feel unsafe. You may exclude any member of the conduct team from your report; a member named in it steps aside.

We also want to hear about harassment by people of the coalition outside its spaces, or long ago. The conduct team may exclude someone because of such behaviour, may warn others privately or publicly when that protects people, and never names a person who was harassed without their clear consent.

## Consequences

Anyone asked to stop harassing behaviour stops at once. The conduct team may take any step it finds fitting, up to removal from every coalition space.`;

const DEFAULT_FR = `Toutes les personnes qui participent à la coalition — membres, prestataires, personnes accompagnées, invité·es — suivent ce code dans chacun de ses espaces : Haven lui-même, les canaux et réunions en ligne, les événements et les moments qui les entourent.

Nous voulons un lieu où l’on peut parler de problèmes de sécurité numérique sans honte. Les erreurs et les compromissions arrivent à tout le monde : on y répond par la patience et l’aide, pas par le reproche.

Personne ne doit subir de harcèlement ici, quels que soient son genre, son identité ou son expression de genre, son âge, son orientation sexuelle, son handicap, son apparence, son corps, son origine, sa religion ou ses convictions, ses outils ou son niveau. Qui enfreint ce code peut être sanctionné·e ou écarté·e des espaces de la coalition.

## Ce qui constitue du harcèlement

Le harcèlement a lieu en ligne comme en personne. Il comprend notamment :

- des propos qui rabaissent des personnes pour ce qu’elles sont, ou qui renforcent une domination ;
- des remarques non sollicitées sur le mode de vie, la santé, la famille ou le travail de quelqu’un ;
- appeler délibérément quelqu’un d’un nom ou d’un genre qu’il ou elle a rejeté ;
- des images ou comportements sexuels hors de propos, et une attention sexuelle non désirée ;
- des contacts physiques, ou leur description, sans consentement ou après une demande d’arrêter ;
- les menaces, l’intimidation, ou le fait de pousser quelqu’un à la violence ou à se faire du mal ;
- suivre, traquer ou enregistrer des personnes pour les cibler ;
- perturber sans cesse des discussions, des interventions ou des événements ;
- continuer à contacter quelqu’un qui a demandé que cela cesse ;
- révéler l’identité, les messages privés ou les adresses de quelqu’un sans son accord ;
- enrôler d’autres personnes pour cibler quelqu’un, ou encourager l’un de ces actes.

La sécurité des personnes marginalisées passe avant le confort des personnes privilégiées. Les signalements portant sur une discrimination « inversée », sur quelqu’un qui pose une limite (« laisse-moi tranquille »), sur un ton qui vous déplaît ou sur la critique de comportements oppressifs ne seront pas suivis.

Laissez les gens quitter une conversation qui les met mal à l’aise, et prévenez avant d’aborder des sujets qui peuvent être douloureux.

## Signaler

Si vous subissez du harcèlement, en êtes témoin ou avez une autre inquiétude, signalez-le par Haven, avec ou sans compte. Les signalements sont confidentiels et personne ne vous demandera d’agir d’une façon qui vous mette en danger. Vous pouvez exclure de votre signalement tout membre de l’équipe de conduite ; un membre mis en cause se retire.

Nous voulons aussi être informé·es du harcèlement commis par des personnes de la coalition hors de ses espaces, ou il y a longtemps. L’équipe de conduite peut écarter quelqu’un pour de tels faits, prévenir d’autres personnes en privé ou publiquement quand cela protège, et ne nomme jamais une personne harcelée sans son accord explicite.

## Conséquences

Toute personne à qui l’on demande de cesser un comportement de harcèlement cesse immédiatement. L’équipe de conduite peut prendre toute mesure qu’elle juge adaptée, jusqu’à l’exclusion de tous les espaces de la coalition.`;

export const MAX_CODE_LENGTH = 40_000;

export const codeOfConductText = defineMessages({
  en: {
    title: 'Code of conduct',
    defaultText: DEFAULT_EN,
    report: 'Report a conduct problem',
    reportIntro: 'You can report harassment or any other conduct problem, with or without an account.',
    edit: 'Edit the code of conduct',
    mine: 'The reports you sent',
    editTitle: 'Edit the code of conduct',
    editIntro: 'Plain text: leave a blank line between paragraphs, start a heading with "## " and a list item with "- ". No HTML.',
    english: 'Text in English',
    french: 'Text in French',
    save: 'Save both texts',
    reset: 'Go back to the default text',
    isDefault: 'The default text is shown.',
    errors: {
      empty: (language: string) => `The ${language} text cannot be empty.`,
      tooLong: (language: string) => `The ${language} text must be at most ${MAX_CODE_LENGTH} characters long.`,
    },
    languages: { en: 'English', fr: 'French' },
  },
  fr: {
    title: 'Code de conduite',
    defaultText: DEFAULT_FR,
    report: 'Signaler un problème de conduite',
    reportIntro: 'Vous pouvez signaler du harcèlement ou tout autre problème de conduite, avec ou sans compte.',
    edit: 'Modifier le code de conduite',
    mine: 'Les signalements que vous avez envoyés',
    editTitle: 'Modifier le code de conduite',
    editIntro: 'Texte brut : laissez une ligne vide entre les paragraphes, commencez un titre par « ## » et un élément de liste par « - ». Pas de HTML.',
    english: 'Texte en anglais',
    french: 'Texte en français',
    save: 'Enregistrer les deux textes',
    reset: 'Revenir au texte par défaut',
    isDefault: 'Le texte par défaut est affiché.',
    errors: {
      empty: (language: string) => `Le texte en ${language} ne peut pas être vide.`,
      tooLong: (language: string) => `Le texte en ${language} doit faire au plus ${MAX_CODE_LENGTH} caractères.`,
    },
    languages: { en: 'anglais', fr: 'français' },
  },
});
