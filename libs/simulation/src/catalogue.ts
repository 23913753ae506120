import type {
  CareEndReason,
  Concern,
  ConsultationAdvice,
  FollowUpStatus,
  GoalStatus,
  OutflowDestination,
  ProtectionMeasureKind,
  SafetyLevel,
  SignalSource,
  Urgency,
} from '@samenspoor/domain';

/**
 * The synthetic region's tables: who works in it, what care is bought from whom, how long families wait and
 * stay, and the words professionals write. The numbers are the simulation's assumptions, chosen so that the
 * figures look like a real region; they are not measured data. Weights are relative, not percentages.
 */

export type Weighted<T> = readonly (readonly [T, number])[];

/** A spread of days: a log-normal draw around the median, clamped. */
export interface DaySpread {
  readonly median: number;
  readonly sigma: number;
  readonly min: number;
  readonly max: number;
}

/**
 * Share of the region's HSJ-MCP families per municipality: roughly the population (CBS 2024), with the
 * Oldambt–Pekela–Veendam–Stadskanaal area a little above it, as youth care use is higher there. A region
 * configured with other municipalities gives them {@link DEFAULT_MUNICIPALITY_WEIGHT} each.
 */
export const MUNICIPALITY_WEIGHTS: Readonly<Record<string, number>> = {
  Groningen: 35,
  Westerkwartier: 10,
  'Midden-Groningen': 10,
  'Het Hogeland': 8.5,
  Eemsdelta: 8.5,
  Oldambt: 8,
  Stadskanaal: 6,
  Veendam: 5.5,
  Westerwolde: 5,
  Pekela: 3.5,
};
export const DEFAULT_MUNICIPALITY_WEIGHT = 10;

/** What kind of organisation a professional works for: it decides which steps they take. */
export type ProfessionalKind =
  | 'local-team'
  | 'gp'
  | 'safe-at-home'
  | 'certified-institution'
  | 'youth-health'
  | 'education'
  | 'provider';

export interface OrganisationProfile {
  /** Stable key: the professionals of an organisation are derived from it. */
  readonly key: string;
  readonly name: string;
  readonly kind: ProfessionalKind;
  readonly disciplines: readonly string[];
  /**
   * Expected professionals of this organisation per family over the whole history: with the caseload it sizes
   * the organisation's pool of professionals.
   */
  readonly involvement: number;
}

/** Families a professional is involved with over the simulated history: sizes every organisation's pool. */
export const CASELOAD = 30;

/** The local team of a municipality: WIJ Groningen in the city, the municipality's own team elsewhere. */
export function localTeam(municipality: string, share: number): OrganisationProfile {
  return {
    key: `local-team:${municipality}`,
    name: municipality === 'Groningen' ? 'WIJ Groningen' : `Lokaal team ${municipality}`,
    kind: 'local-team',
    disciplines: ['jeugd- en gezinswerker', 'gezinscoach', 'casusregisseur', 'jeugdconsulent'],
    involvement: 1.2 * share,
  };
}

/** General practices of a municipality, with their youth and family support workers (POH jeugd). */
export function generalPractice(municipality: string, share: number): OrganisationProfile {
  return {
    key: `gp:${municipality}`,
    name: `Huisartsenpraktijk ${municipality}`,
    kind: 'gp',
    disciplines: ['ondersteuner jeugd en gezin', 'huisarts', 'POH-GGZ'],
    involvement: 0.25 * share,
  };
}

export const SAFE_AT_HOME: OrganisationProfile = {
  key: 'veilig-thuis',
  name: 'Veilig Thuis Groningen',
  kind: 'safe-at-home',
  disciplines: ['medewerker onderzoek', 'medewerker advies en meldingen', 'aandachtsfunctionaris'],
  involvement: 0.2,
};

export const CERTIFIED_INSTITUTION: OrganisationProfile = {
  key: 'jeugdbescherming-noord',
  name: 'Jeugdbescherming Noord',
  kind: 'certified-institution',
  disciplines: ['jeugdbeschermer', 'gezinsvoogd'],
  involvement: 0.15,
};

export const YOUTH_HEALTH: OrganisationProfile = {
  key: 'ggd',
  name: 'GGD Groningen',
  kind: 'youth-health',
  disciplines: ['jeugdarts', 'jeugdverpleegkundige'],
  involvement: 0.25,
};

/** Schools by the youth's age: primary and secondary through the partnership, MBO at the colleges. */
export const SCHOOLS = {
  young: {
    key: 'swv-passend-onderwijs',
    name: 'Samenwerkingsverband Passend Onderwijs',
    kind: 'education',
    disciplines: [
      'intern begeleider',
      'onderwijsconsulent',
      'zorgcoördinator',
      'leerplichtambtenaar',
    ],
    involvement: 0.3,
  },
  mbo: [
    {
      key: 'noorderpoort',
      name: 'Noorderpoort',
      kind: 'education',
      disciplines: ['mentor', 'zorgcoördinator'],
      involvement: 0.06,
    },
    {
      key: 'alfa-college',
      name: 'Alfa-college',
      kind: 'education',
      disciplines: ['mentor', 'zorgcoördinator'],
      involvement: 0.04,
    },
  ],
} as const satisfies {
  readonly young: OrganisationProfile;
  readonly mbo: readonly OrganisationProfile[];
};

/** A care provider, whose key is the `providerId` the figures group by. */
function provider(
  key: string,
  name: string,
  involvement: number,
  disciplines: readonly string[],
): OrganisationProfile {
  return { key, name, kind: 'provider', disciplines, involvement };
}

/** Care providers, keyed on the `providerId` the figures group by. */
export const PROVIDERS: Readonly<Record<string, OrganisationProfile>> = Object.fromEntries(
  [
    provider('accare', 'Accare', 0.3, [
      'kinder- en jeugdpsychiater',
      'GZ-psycholoog',
      'orthopedagoog',
      'sociaal psychiatrisch verpleegkundige',
    ]),
    provider('elker', 'Elker', 0.35, [
      'jeugdhulpverlener',
      'gedragswetenschapper',
      'gezinsbehandelaar',
      'pleegzorgwerker',
    ]),
    provider('lentis', 'Lentis', 0.15, [
      'psychiater',
      'GZ-psycholoog',
      'verpleegkundig specialist GGZ',
    ]),
    provider('cosis', 'Cosis', 0.1, ['persoonlijk begeleider', 'orthopedagoog']),
    provider('ambiq', 'Ambiq', 0.1, ['gezinsbegeleider', 'orthopedagoog', 'gedragswetenschapper']),
    provider('vnn', 'Verslavingszorg Noord Nederland', 0.04, [
      'behandelaar verslavingszorg',
      'verslavingsarts',
    ]),
    provider('molendrift', 'Molendrift', 0.12, ['gezinstherapeut', 'orthopedagoog generalist']),
    provider('leger-des-heils', 'Leger des Heils', 0.06, [
      'ambulant hulpverlener',
      'woonbegeleider',
    ]),
    provider('sheeren-loo', "'s Heeren Loo", 0.03, ['persoonlijk begeleider', 'gedragsdeskundige']),
  ].map((profile) => [profile.key, profile]),
);

/**
 * How a care form behaves: how often it is asked for (before concerns tilt it), how long the family waits
 * (request → start, days) and how long the care lasts (start → end, days), and who provides it.
 */
export interface CareFormProfile {
  readonly weight: number;
  readonly wait: DaySpread;
  readonly duration: DaySpread;
  readonly providers: Weighted<string>;
}

/** A spread of days around its median, as a care form's wait or duration. */
function days(median: number, sigma: number, min: number, max: number): DaySpread {
  return { median, sigma, min, max };
}

/** Providers by weight, written as `{ provider: weight }`. */
function weights(byProvider: Readonly<Record<string, number>>): Weighted<string> {
  return Object.entries(byProvider);
}

/**
 * Waits run from hours (crisis care) to months (secure residential, mental-health admission, family homes),
 * with tails over the norms of `region.ts`. Care lasts one to twelve months; crisis care a few weeks.
 */
export const CARE_FORM_PROFILES: Readonly<Record<string, CareFormProfile>> = {
  'crisis-care': {
    weight: 3,
    wait: days(0.5, 0.9, 0.06, 5),
    duration: days(35, 0.4, 14, 70),
    providers: weights({ elker: 5, accare: 4, lentis: 1 }),
  },
  'secure-residential': {
    weight: 2,
    wait: days(35, 0.7, 4, 180),
    duration: days(150, 0.4, 60, 365),
    providers: weights({ elker: 1 }),
  },
  'small-scale-residential': {
    weight: 7,
    wait: days(40, 0.6, 7, 200),
    duration: days(200, 0.4, 60, 365),
    providers: weights({ elker: 4, cosis: 2, ambiq: 2, 'leger-des-heils': 1 }),
  },
  'mental-health-treatment': {
    weight: 18,
    wait: days(50, 0.55, 10, 200),
    duration: days(150, 0.5, 30, 365),
    providers: weights({ accare: 6, lentis: 3, molendrift: 1 }),
  },
  'mental-health-admission': {
    weight: 4,
    wait: days(45, 0.75, 5, 200),
    duration: days(75, 0.45, 21, 180),
    providers: weights({ accare: 7, lentis: 3 }),
  },
  'addiction-care': {
    weight: 3,
    wait: days(21, 0.6, 5, 90),
    duration: days(120, 0.45, 30, 300),
    providers: weights({ vnn: 8, lentis: 2 }),
  },
  'family-home': {
    weight: 5,
    wait: days(60, 0.6, 14, 240),
    duration: days(240, 0.3, 90, 365),
    providers: weights({ elker: 3, ambiq: 1, cosis: 1 }),
  },
  'foster-care': {
    weight: 6,
    wait: days(35, 0.7, 3, 200),
    duration: days(270, 0.3, 90, 365),
    providers: weights({ elker: 3, 'leger-des-heils': 1 }),
  },
  'day-treatment': {
    weight: 6,
    wait: days(35, 0.55, 7, 150),
    duration: days(150, 0.4, 60, 300),
    providers: weights({ accare: 3, elker: 2, cosis: 2 }),
  },
  'intensive-ambulatory-family': {
    weight: 20,
    wait: days(18, 0.6, 3, 100),
    duration: days(120, 0.45, 30, 270),
    providers: weights({ elker: 4, molendrift: 3, ambiq: 2, 'leger-des-heils': 1 }),
  },
  'trauma-treatment': {
    weight: 12,
    wait: days(45, 0.55, 10, 180),
    duration: days(100, 0.45, 30, 240),
    providers: weights({ accare: 4, molendrift: 2, elker: 2 }),
  },
  'intellectual-disability-care': {
    weight: 7,
    wait: days(40, 0.6, 10, 180),
    duration: days(210, 0.4, 60, 365),
    providers: weights({ cosis: 5, ambiq: 4, 'sheeren-loo': 2 }),
  },
};

/** A care form the region configures that the tables above do not know: waits around its norm. */
export function unknownCareFormProfile(normDays: number): CareFormProfile {
  return {
    weight: 4,
    wait: { median: Math.max(1, normDays * 0.9), sigma: 0.6, min: 1, max: 240 },
    duration: days(150, 0.45, 30, 365),
    providers: weights({ elker: 1, accare: 1, molendrift: 1 }),
  };
}

/** Concerns tilt the care forms asked for: a concern multiplies the weight of the forms that answer it. */
export const CARE_FORMS_BY_CONCERN: Partial<Record<Concern, Readonly<Record<string, number>>>> = {
  addiction: { 'addiction-care': 6 },
  'intellectual-disability': { 'intellectual-disability-care': 5, 'day-treatment': 1.5 },
  trauma: { 'trauma-treatment': 2.5 },
  'domestic-violence': { 'trauma-treatment': 1.5, 'foster-care': 1.5, 'family-home': 1.5 },
  psychiatric: { 'mental-health-treatment': 2, 'mental-health-admission': 2.5 },
  'eating-disorder': { 'mental-health-treatment': 2, 'mental-health-admission': 3 },
  anxiety: { 'mental-health-treatment': 2 },
  'parenting-stress': { 'intensive-ambulatory-family': 1.8 },
  'complex-divorce': { 'intensive-ambulatory-family': 1.8 },
  homelessness: { 'small-scale-residential': 3 },
  housing: { 'small-scale-residential': 1.5 },
  'school-dropout': { 'day-treatment': 2 },
};

/** Who raises the signal. */
export const SIGNAL_SOURCE_WEIGHTS: Weighted<SignalSource> = [
  ['local-team', 30],
  ['gp', 12],
  ['care-provider', 12],
  ['safe-at-home', 12],
  ['education', 10],
  ['certified-institution', 8],
  ['youth-health', 7],
  ['police', 4],
  ['family', 3],
  ['other', 2],
];

export const CONCERN_WEIGHTS: Weighted<Concern> = [
  ['parenting-stress', 18],
  ['trauma', 14],
  ['domestic-violence', 12],
  ['psychiatric', 12],
  ['anxiety', 10],
  ['complex-divorce', 9],
  ['school-dropout', 8],
  ['intellectual-disability', 7],
  ['debts', 7],
  ['addiction', 5],
  ['housing', 5],
  ['eating-disorder', 3],
  ['other', 3],
  ['homelessness', 2],
];

export const CONCERN_COUNT_WEIGHTS: Weighted<number> = [
  [1, 25],
  [2, 40],
  [3, 25],
  [4, 10],
];

export const URGENCY_WEIGHTS: Weighted<Urgency> = [
  ['regular', 78],
  ['urgent', 17],
  ['crisis', 5],
];

/** The measure a juvenile court imposes: mostly a supervision order (OTS), seldom guardianship. */
export const PROTECTION_MEASURE_WEIGHTS: Weighted<ProtectionMeasureKind> = [
  ['supervision-order', 70],
  ['out-of-home-authorisation', 15],
  ['guardianship', 8],
  ['juvenile-probation', 7],
];

/** Where a goal stands at an evaluation: mixed, as plans go. */
export const GOAL_STATUS_WEIGHTS: Weighted<GoalStatus> = [
  ['achieved', 30],
  ['partly-achieved', 30],
  ['ongoing', 25],
  ['not-achieved', 15],
];

/** How a family is doing at a follow-up after the outflow. */
export const FOLLOW_UP_STATUS_WEIGHTS: Weighted<FollowUpStatus> = [
  ['doing-well', 55],
  ['needs-support', 25],
  ['back-in-care', 8],
  ['not-reached', 12],
];

/** Care forms that often already run when a family enters, or that the municipality allocates outside a plan. */
export const RUNNING_CARE_FORMS: Weighted<string> = [
  ['foster-care', 3],
  ['mental-health-treatment', 3],
  ['intellectual-disability-care', 2],
  ['intensive-ambulatory-family', 1],
];

export const ADVICE_WEIGHTS: Weighted<ConsultationAdvice> = [
  ['hsj-mcp-route', 86],
  ['regular-route', 9],
  ['no-action', 5],
];

/** The safety level an explanatory analysis concludes: mostly safe or concerns, about one in ten unsafe. */
export const ANALYSIS_SAFETY_WEIGHTS: Weighted<SafetyLevel> = [
  ['safe', 48],
  ['concerns', 45],
  ['unsafe', 7],
];
/** …and with domestic violence or a signal of Veilig Thuis or the police. */
export const ANALYSIS_SAFETY_WEIGHTS_VIOLENCE: Weighted<SafetyLevel> = [
  ['safe', 27],
  ['concerns', 55],
  ['unsafe', 18],
];

/** The next safety assessment, given the last level. */
export const SAFETY_TRANSITIONS: Readonly<Record<SafetyLevel, Weighted<SafetyLevel>>> = {
  safe: [
    ['safe', 80],
    ['concerns', 17],
    ['unsafe', 3],
  ],
  concerns: [
    ['safe', 35],
    ['concerns', 55],
    ['unsafe', 10],
  ],
  unsafe: [
    ['safe', 10],
    ['concerns', 55],
    ['unsafe', 35],
  ],
};

export const CARE_REQUEST_COUNT_WEIGHTS: Weighted<number> = [
  [1, 40],
  [2, 32],
  [3, 18],
  [4, 10],
];

export const CARE_END_REASON_WEIGHTS: Weighted<CareEndReason> = [
  ['completed', 75],
  ['transferred', 10],
  ['breakdown', 10],
  ['other', 5],
];

export const OUTFLOW_DESTINATION_WEIGHTS: Weighted<OutflowDestination> = [
  ['local-team', 35],
  ['regular-care', 25],
  ['no-further-care', 18],
  ['adult-care', 8],
  ['moved', 7],
  ['other', 7],
];

/** Progress notes by workstream (Big Five); a region's own workstreams get {@link DEFAULT_WORKSTREAM_WEIGHT}. */
export const WORKSTREAM_WEIGHTS: Readonly<Record<string, number>> = {
  execution: 45,
  direction: 25,
  safety: 15,
  other: 10,
  innovation: 5,
};
export const DEFAULT_WORKSTREAM_WEIGHT = 10;

/** Household sizes (members registered). */
export const HOUSEHOLD_SIZE_WEIGHTS: Weighted<number> = [
  [1, 5],
  [2, 20],
  [3, 30],
  [4, 25],
  [5, 13],
  [6, 7],
];

/** Age of the youth the signal is about: few toddlers, most between 12 and 17. */
export const YOUTH_AGE_WEIGHTS: Weighted<number> = Array.from({ length: 18 }, (_, age) => [
  age,
  age < 4 ? 2 : age < 8 ? 3 : age < 12 ? 5 : age < 16 ? 8 : 7,
]);

/** Dutch first names, by generation. */
export const NAMES = {
  girls: [
    'Emma',
    'Julia',
    'Mila',
    'Tess',
    'Sophie',
    'Zoë',
    'Sara',
    'Nora',
    'Yara',
    'Eva',
    'Liv',
    'Saar',
    'Anna',
    'Lotte',
    'Noa',
    'Fleur',
    'Isa',
    'Lieke',
    'Fenna',
    'Jasmijn',
    'Sanne',
    'Femke',
    'Roos',
    'Fatima',
    'Amira',
    'Maud',
    'Esmee',
    'Britt',
    'Demi',
    'Lynn',
    'Elin',
    'Jente',
  ],
  boys: [
    'Noah',
    'Sem',
    'Lucas',
    'Levi',
    'Daan',
    'Finn',
    'Liam',
    'Milan',
    'Luuk',
    'Bram',
    'Jesse',
    'Thijs',
    'Sven',
    'Ruben',
    'Lars',
    'Tim',
    'Stijn',
    'Mees',
    'Gijs',
    'Jens',
    'Thomas',
    'Mohammed',
    'Adam',
    'Rayan',
    'Dylan',
    'Niels',
    'Wout',
    'Jelle',
    'Sjoerd',
    'Hidde',
    'Jurre',
    'Siem',
  ],
  women: [
    'Anouk',
    'Marieke',
    'Sandra',
    'Linda',
    'Esther',
    'Petra',
    'Monique',
    'Ilse',
    'Nicole',
    'Kim',
    'Jolanda',
    'Wendy',
    'Miranda',
    'Chantal',
    'Marloes',
    'Ingrid',
    'Bianca',
    'Yvonne',
    'Annemiek',
    'Hilda',
    'Sabine',
    'Natasja',
    'Samira',
    'Hanneke',
    'Janneke',
    'Tamara',
  ],
  men: [
    'Mark',
    'Dennis',
    'Jeroen',
    'Sander',
    'Kevin',
    'Patrick',
    'Erik',
    'Martijn',
    'Bas',
    'Peter',
    'Rick',
    'Michel',
    'Johan',
    'Harm',
    'Gert',
    'Jan',
    'Remco',
    'Marco',
    'Wim',
    'Roy',
    'Ahmed',
    'Tjeerd',
    'Hendrik',
    'Klaas',
    'Jeffrey',
    'Mustafa',
  ],
  elders: [
    'Jannie',
    'Grietje',
    'Harmke',
    'Geert',
    'Roelf',
    'Hennie',
    'Trijntje',
    'Albert',
    'Jantje',
  ],
} as const;

/** Organisations that raise a signal but do not join the family's network. */
export const POLICE = 'Politie Noord-Nederland';
export const OTHER_REFERRERS = [
  'Leger des Heils',
  'Zorgverzekeraar',
  'Raad voor de Kinderbescherming',
];

export const SAFETY_TEAM = {
  organisation: 'Regionaal Veiligheidsteam Groningen',
  size: 8,
} as const;
export const AUDITORS = { organisation: 'RIGG privacy office', size: 2 } as const;
export const ERASURE_LEGAL_BASIS = 'Jeugdwet art. 7.3.9: verzoek tot vernietiging van het dossier';

/** Free text, in the professionals' own language. */
export const TEXT = {
  signalSummary: {
    trauma: 'traumatische ervaringen',
    debts: 'schulden in het gezin',
    addiction: 'middelengebruik',
    'domestic-violence': 'huiselijk geweld',
    'eating-disorder': 'eetproblemen',
    'school-dropout': 'schoolverzuim',
    anxiety: 'angstklachten',
    'intellectual-disability': 'licht verstandelijke beperking',
    psychiatric: 'psychiatrische problematiek',
    'parenting-stress': 'overbelaste ouders',
    housing: 'onzekere huisvesting',
    'complex-divorce': 'complexe scheiding',
    homelessness: 'dakloosheid',
    other: 'zorgen over de ontwikkeling',
  } satisfies Record<Concern, string>,
  youthNeed: {
    trauma: 'traumabehandeling',
    debts: 'rust en voorspelbaarheid thuis',
    addiction: 'behandeling middelengebruik',
    'domestic-violence': 'veilige thuissituatie',
    'eating-disorder': 'behandeling eetstoornis',
    'school-dropout': 'passende dagbesteding of onderwijs',
    anxiety: 'behandeling angstklachten',
    'intellectual-disability': 'begeleiding afgestemd op LVB',
    psychiatric: 'diagnostiek en behandeling',
    'parenting-stress': 'stabiele opvoedsituatie',
    housing: 'stabiele woonplek',
    'complex-divorce': 'uit de loyaliteitsconflicten',
    homelessness: 'onderdak en begeleiding',
    other: 'ondersteuning bij ontwikkeling',
  } satisfies Record<Concern, string>,
  parentNeed: {
    debts: 'schuldhulpverlening',
    addiction: 'verslavingszorg voor ouder',
    psychiatric: 'behandeling ouder (volwassenen-GGZ)',
    'parenting-stress': 'opvoedondersteuning',
    'complex-divorce': 'ouderschapsbemiddeling',
    'domestic-violence': 'hulp bij geweld in afhankelijkheidsrelatie',
    housing: 'hulp bij huisvesting',
  } as Partial<Record<Concern, string>>,
  goal: {
    trauma: 'Verwerking van het trauma',
    debts: 'Schulden gestabiliseerd',
    addiction: 'Middelengebruik afgebouwd',
    'domestic-violence': 'Veiligheid thuis',
    'eating-disorder': 'Gezond eetpatroon',
    'school-dropout': 'Terug naar school',
    anxiety: 'Minder angst, meer meedoen',
    'intellectual-disability': 'Passende ondersteuning thuis en op school',
    psychiatric: 'Stabiel psychisch functioneren',
    'parenting-stress': 'Ouders kunnen de opvoeding aan',
    housing: 'Vaste woonplek',
    'complex-divorce': 'Ouders werken samen na de scheiding',
    homelessness: 'Onderdak en perspectief',
    other: 'Gezonde ontwikkeling',
  } satisfies Record<Concern, string>,
  patterns: [
    'intergenerationele overdracht van geweld',
    'escalerende conflicten tussen ouders',
    'schoolverzuim als vermijding',
    'ouder overbelast door stapeling van problemen',
    'jeugdige neemt zorgtaken over (parentificatie)',
    'wisselende hulpverleners zonder samenhang',
    'sociaal isolement van het gezin',
  ],
  riskFactors: [
    'schulden',
    'middelengebruik ouder',
    'eerdere uithuisplaatsing',
    'psychische problemen ouder',
    'beperkt netwerk',
    'verhuizingen',
    'agressie in het gezin',
  ],
  protectiveFactors: [
    'betrokken grootouders',
    'motivatie van ouders',
    'goede band met mentor',
    'sportclub',
    'stabiel inkomen',
    'steunend netwerk in de buurt',
  ],
  notes: {
    execution: [
      'Huisbezoek: gesprek met ouders over dagstructuur.',
      'Behandelsessie gehad, jeugdige was open.',
      'Afspraken gemaakt over schoolgang.',
      'Gezinsgesprek: voortgang doelen besproken.',
    ],
    direction: [
      'Overleg met netwerk over taakverdeling.',
      'Afstemming met aanbieder over de wachttijd.',
      'Contact met school over aanwezigheid.',
      'Plan besproken met ouders.',
    ],
    safety: [
      'Veiligheidsafspraken doorgenomen met moeder.',
      'Signalen besproken met Veilig Thuis.',
      'Veiligheidsplan geactualiseerd.',
    ],
    innovation: ['Casus ingebracht in het lerend netwerk.', 'Ervaringsdeskundige betrokken.'],
    other: ['Telefonisch contact met ouder.', 'Verslag ontvangen van de huisarts.'],
  } as Readonly<Record<string, readonly string[]>>,
  genericNotes: ['Contact met het gezin.', 'Overleg in het netwerk.'],
  mdoDecisions: [
    'traject loopt door',
    'plan bijgesteld',
    'afschalen naar lokaal team voorbereiden',
    'aanvullende diagnostiek',
    'veiligheidsplan geactualiseerd',
    'school sluit aan bij volgend MDO',
    'wachtlijst: overbrugging ingezet',
  ],
  planRevisionReasons: [
    'evaluatie: doelen bijgesteld',
    'school erbij betrokken',
    'nieuwe zorgen over de veiligheid',
    'behandeling loopt anders dan verwacht',
  ],
  withdrawReasons: [
    'gezin ziet af van hulp',
    'andere vorm passender',
    'plek elders gevonden',
    'situatie verbeterd',
    'wachttijd te lang, overbrugging volstaat',
  ],
  outflowReasons: {
    'local-team': 'doelen grotendeels bereikt, lokaal team blijft betrokken',
    'regular-care': 'verder met reguliere hulp',
    'adult-care': 'jeugdige wordt 18, over naar volwassenenzorg',
    'no-further-care': 'doelen bereikt',
    moved: 'gezin verhuisd buiten de regio',
    other: 'gezin wil geen verdere hulp',
  } satisfies Record<OutflowDestination, string>,
  followUps: {
    'doing-well': ['gaat goed', 'stabiel, geen zorgen'],
    'needs-support': ['lichte zorgen, lokaal team blijft betrokken'],
    'back-in-care': ['opnieuw zorgen, weer hulp aangevraagd'],
    'not-reached': ['gezin niet bereikt, brief gestuurd'],
  } satisfies Record<FollowUpStatus, readonly string[]>,
  safeAtHomeOutcomes: [
    'advies: veiligheidsafspraken maken met het gezin',
    'melding in onderzoek bij Veilig Thuis',
    'Veilig Thuis blijft op de achtergrond betrokken',
  ],
  measureEndReasons: ['maatregel niet verlengd', 'doelen bereikt', 'jeugdige meerderjarig'],
  voices: {
    safety: [
      'Thuis is het rustiger sinds de afspraken.',
      'Ik voel me veilig bij oma.',
      'Als papa boos wordt, ga ik naar mijn kamer.',
      'Ik wil dat het ophoudt met ruzie.',
    ],
    plan: [
      'Ik wil weer gewoon naar school.',
      'Ik wil zelf meebeslissen over wat er gebeurt.',
      'Het plan klopt, maar het gaat te langzaam.',
    ],
    care: ['Met mijn hulpverlener kan ik goed praten.', 'Ik snap niet waarom ik nog moet wachten.'],
    other: ['Ik mis mijn vrienden van voetbal.'],
  },
  informalRelations: [
    'grootmoeder',
    'opa',
    'tante',
    'oom',
    'buurvrouw',
    'voetbaltrainer',
    'vriendin van moeder',
    'peetoom',
  ],
  safetyNotes: {
    safe: 'geen acute zorgen',
    concerns: 'zorgen, afspraken gemaakt',
    unsafe: 'onveilige situatie, direct handelen nodig',
  } satisfies Record<SafetyLevel, string>,
  reviewOutcomes: [
    'veiligheidsplan voldoende',
    'plan aangescherpt',
    'opschalen naar jeugdbescherming',
    'monitoren',
  ],
  reviewAdvice: [
    'binnen vier weken opnieuw beoordelen',
    'Veilig Thuis betrekken',
    'regie bij één professional beleggen',
    'netwerk van het gezin versterken',
  ],
} as const;
