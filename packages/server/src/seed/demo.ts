import { Readable } from 'node:stream';
import type { AgendaItem, Role, VoteInput } from '@council/shared';
import {
  buildGroupDoc,
  buildMeetingDocs,
  buildPlanDoc,
  docNames,
  type MeetingSeed,
  moveTask,
  readTasks,
} from '@council/shared';
import * as Y from 'yjs';
import type { CouncilServer } from '../app.ts';
import { SqliteDocumentStore } from '../collab/DocumentStore.ts';
import { hashPassword } from '../domains/auth/passwords.ts';
import { ProceedingsRepo } from '../domains/meetings/proceedingsRepo.ts';
import { projectDocument } from '../domains/projections.ts';
import { indexPeople } from '../domains/search/indexer.ts';
import { type DemoPaper, demoPdf } from './demoPapers.ts';

export const DEMO_PASSWORD = 'demo-council-2011';

interface DemoPerson {
  id: string;
  name: string;
  email: string;
  role: Role;
  organisation: string;
  title: string;
  competencies: string[];
}

const council: DemoPerson[] = [
  p('chair', 'Mette Kjærgaard', 'formand', 'chair', 'Aarhus Kommune', 'It-chef', ['it-styring', 'strategi']),
  p('m2', 'Henrik Østergaard', 'henrik.ostergaard', 'council_member', 'Odense Kommune', 'Digitaliseringschef', [
    'digitalisering',
    'gevinstrealisering',
  ]),
  p('m3', 'Lone Bisgaard', 'lone.bisgaard', 'council_member', 'Aalborg Kommune', 'It-chef', [
    'infrastruktur',
    'outsourcing',
  ]),
  p('m4', 'Jens Fogh', 'jens.fogh', 'council_member', 'Svendborg Kommune', 'Digitaliserings- og it-chef', [
    'outsourcing',
    'support',
  ]),
  p('m5', 'Birgitte Skov', 'birgitte.skov', 'council_member', 'Vejle Kommune', 'It-arkitekturchef', [
    'it-arkitektur',
    'rammearkitektur',
  ]),
  p('m6', 'Peter Vinther', 'peter.vinther', 'council_member', 'Herning Kommune', 'It-chef', ['sikkerhed', 'identitet']),
  p('m7', 'Anne-Marie Dahl', 'annemarie.dahl', 'council_member', 'Roskilde Kommune', 'Kontorchef', [
    'borgerservice',
    'selvbetjening',
  ]),
  p('m8', 'Søren Krogh', 'soren.krogh', 'council_member', 'Horsens Kommune', 'It-direktør', ['it-styring', 'økonomi']),
  p('m9', 'Karen Holm', 'karen.holm', 'council_member', 'Frederiksberg Kommune', 'Digitaliseringschef', [
    'data',
    'integration',
  ]),
];
const staff: DemoPerson[] = [
  p('secretary', 'Thomas Lykke', 'sekretaer', 'secretary', 'KL', 'Chefkonsulent, sekretariatet', ['mødeledelse']),
  p('admin', 'Camilla Brandt', 'admin', 'admin', 'KL', 'Systemansvarlig', ['drift']),
];
const MUNICIPALITIES = [
  'Esbjerg',
  'Randers',
  'Kolding',
  'Silkeborg',
  'Næstved',
  'Viborg',
  'Holbæk',
  'Slagelse',
  'Hjørring',
  'Gentofte',
  'Sønderborg',
  'Helsingør',
  'Køge',
  'Odder',
  'Skive',
  'Ringsted',
  'Faaborg-Midtfyn',
  'Thisted',
  'Fredericia',
  'Ballerup',
  'Hvidovre',
  'Vordingborg',
  'Furesø',
  'Lolland',
  'Middelfart',
];
const FIRST = [
  'Mads',
  'Ida',
  'Rasmus',
  'Sofie',
  'Frederik',
  'Line',
  'Anders',
  'Camilla',
  'Kasper',
  'Maria',
  'Nikolaj',
  'Julie',
  'Morten',
  'Louise',
  'Christian',
  'Signe',
  'Martin',
  'Pernille',
  'Jakob',
  'Trine',
  'Mikkel',
  'Hanne',
  'Lars',
  'Rikke',
  'Ole',
];
const LAST = [
  'Nielsen',
  'Jensen',
  'Hansen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Jørgensen',
  'Petersen',
  'Madsen',
  'Kristensen',
  'Olsen',
  'Thomsen',
  'Christiansen',
  'Poulsen',
  'Johansen',
  'Møller',
  'Mortensen',
  'Lund',
  'Frandsen',
  'Bach',
  'Vestergaard',
  'Clausen',
];
const COMPETENCIES = [
  'it-arkitektur',
  'data',
  'integration',
  'sikkerhed',
  'identitet',
  'rammearkitektur',
  'gevinstrealisering',
  'cloud',
  'selvbetjening',
  'digital post',
  'infrastruktur',
  'projektledelse',
  'indkøb',
  'GDPR',
];
const TITLES = ['It-arkitekt', 'Enterprise-arkitekt', 'Løsningsarkitekt', 'Informationsarkitekt', 'Sikkerhedsarkitekt'];

const architects: DemoPerson[] = MUNICIPALITIES.map((town, i) => {
  const first = FIRST[i] as string;
  const last = LAST[(i * 7) % LAST.length] as string;
  const role: Role =
    i === 0 || i === 5 ? 'group_lead' : i < 12 ? 'group_member' : i === 24 ? 'observer' : 'network_architect';

  return {
    id: `a${i + 1}`,
    name: `${first} ${last}`,
    email: `${slugify(`${first}.${last}`)}@${slugify(town)}.example`,
    role,
    organisation: `${town} Kommune`,
    title: TITLES[i % TITLES.length] as string,
    competencies: [
      COMPETENCIES[i % COMPETENCIES.length] as string,
      COMPETENCIES[(i * 3 + 1) % COMPETENCIES.length] as string,
    ],
  };
});

function slugify(text: string): string {
  const ascii = text.toLowerCase().replaceAll('æ', 'ae').replaceAll('ø', 'oe').replaceAll('å', 'aa');
  return ascii.replace(/[^a-z.]/g, '');
}

function p(
  id: string,
  name: string,
  local: string,
  role: Role,
  organisation: string,
  title: string,
  competencies: string[],
): DemoPerson {
  return { id, name, email: `${local}@council.example`, role, organisation, title, competencies };
}

const item = (
  id: string,
  title: string,
  kind: AgendaItem['kind'],
  durationMinutes: number,
  presenterId?: string,
  confidential = false,
): AgendaItem => ({
  id,
  title,
  kind,
  durationMinutes,
  confidential,
  ...(presenterId ? { presenterId } : {}),
});
const everyone = (present: string[]) =>
  Object.fromEntries(
    [...council, staff[0] as DemoPerson].map(
      (m) => [m.id, present.includes(m.id) || present.length === 0 ? 'present' : 'apologies'] as const,
    ),
  );

interface DemoMeeting {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string;
  status: 'approved' | 'draft';
  content: MeetingSeed;
  /** Votes, minuted views and conflicts of interest, recorded before approval as the chair would. */
  proceedings?: {
    votes?: Record<string, VoteInput>;
    dissents?: { itemId: string; personId: string; text: string }[];
    conflicts?: { itemId: string; personId: string; reason: string }[];
  };
  /** Papers (bilag) on its items, uploaded by the secretariat before the meeting. */
  papers?: DemoPaper[];
}

const meetings: DemoMeeting[] = [
  {
    id: 'm-2011-11-11',
    title: 'Opstartsmøde i Kommunernes It-Arkitekturråd',
    startsAt: '2011-11-11T09:00:00+01:00',
    endsAt: '2011-11-11T12:00:00+01:00',
    location: 'KL, Weidekampsgade 10, København S',
    status: 'approved',
    papers: [
      {
        itemId: 'i2',
        fileName: 'Kommissorium for Kommunernes It-Arkitekturråd.pdf',
        pages: [
          [
            'Formål. Kommunernes It-Arkitekturråd sætter retningen for den fælleskommunale it-arkitekturstyring og rådgiver KL og kommunerne om arkitektur, standarder og fælles løsninger.',
            'Rådet består af ni chefer fra den kommunale sektor, udpeget for to år ad gangen. KL varetager sekretariatsfunktionen.',
          ],
          [
            'Opgaver. Rådet godkender principper for den fælleskommunale rammearkitektur, følger handlingsplanen og dens gevinster og indikatorer, og nedsætter arbejdsgrupper efter behov.',
            'Rådet kan anbefale standarder og referencearkitekturer, men træffer ikke beslutninger på kommunernes vegne.',
          ],
          [
            'Forretningsorden. Rådet mødes fire gange om året. Dagsorden og bilag udsendes senest en uge før mødet; referatet godkendes af formanden og offentliggøres.',
            'Et medlem, der er inhabilt i en sag, deltager ikke i behandlingen af den. Fortrolige punkter behandles for lukkede døre.',
          ],
        ],
      },
    ],
    content: {
      agenda: [
        item('i1', 'Velkomst og præsentation af rådets medlemmer', 'information', 20, 'chair'),
        item('i2', 'Rådets kommissorium og forretningsorden', 'decision', 40, 'secretary'),
        item('i3', 'Aktiv it-arkitekturstyring: botanikeren i drivhuset', 'discussion', 60, 'm5'),
        item('i4', 'Gevinstrealisering og indikatorer', 'decision', 45, 'm2'),
      ],
      notes: {
        i1: [
          'Formanden bød velkommen. Ni chefer fra den kommunale sektor udgør rådet, der skal sætte retningen for den fælleskommunale it-arkitekturstyring.',
        ],
        i2: [
          'Sekretariatet fremlagde udkast til kommissorium og forretningsorden. Rådet mødes fire gange om året; dagsorden udsendes senest en uge før.',
        ],
        i3: [
          'Ændringerne i betingelserne for den kommunale opgavevaretagelse er en vildtvoksende plante. Som den gode botaniker kan vi klippe, pode og anvende vægte – it-arkitekturstyring er et af botanikerens redskaber.',
          'Rådet drøftede, hvordan it-arkitekturen løfter fokus fra maskinrummet til struktur, overblik og sammenhæng med den strategiske dagsorden.',
        ],
        i4: [
          'Høsten er realiseringen af gevinsterne ved digitalisering. Rådet var enigt om at starte med få indikatorer for ikke at overbebyrde kommunerne.',
        ],
      },
      decisions: {
        i2: {
          title: 'Kommissorium og forretningsorden vedtaget',
          text: 'Rådet vedtager kommissorium og forretningsorden som fremlagt. Rådet mødes fire gange årligt.',
          status: 'adopted',
          tags: ['forretningsorden'],
        },
        i4: {
          title: 'Gevinstrealisering måles med få indikatorer',
          text: 'Hvert initiativ i handlingsplanen beskriver sine forventede gevinster og måles med højst tre indikatorer.',
          status: 'adopted',
          tags: ['gevinstrealisering', 'indikatorer'],
        },
      },
      attendance: everyone([]),
      actions: [
        {
          id: 'act1',
          title: 'Sekretariatet udsender materialet fra opstartsmødet',
          assigneeId: 'secretary',
          due: '2011-11-25',
          itemId: 'i1',
        },
      ],
    },
  },
  {
    id: 'm-2012-02-23',
    title: 'Rådsmøde 1/2012',
    startsAt: '2012-02-23T13:00:00+01:00',
    endsAt: '2012-02-23T16:00:00+01:00',
    location: 'Odense Rådhus',
    status: 'approved',
    content: {
      agenda: [
        item('i1', 'Godkendelse af dagsorden', 'information', 5, 'chair'),
        item('i2', 'Principper for en fælleskommunal rammearkitektur', 'decision', 60, 'm5'),
        item('i3', 'Nedsættelse af arbejdsgruppe for data og integration', 'decision', 40, 'm9'),
        item('i4', 'Leverandørforhandling om fagsystemer', 'discussion', 30, 'm8', true),
      ],
      notes: {
        i1: ['Dagsordenen blev godkendt uden bemærkninger.'],
        i2: [
          'Vejle Kommune fremlagde seks principper for rammearkitekturen: genbrug før køb før byg, åbne standarder, data deles på tværs, sikkerhed fra start, borgeren i centrum, og dokumentation af gevinster.',
        ],
        i3: [
          'Rådet ønsker at trække på netværkets arkitekter frem for individuelle ildsjæle. Arbejdsgruppen rekrutteres fra netværket.',
        ],
        i4: ['Fortroligt: rådet drøftede forhandlingsstrategien over for leverandørerne af fagsystemer.'],
      },
      decisions: {
        i2: {
          title: 'Principper for fælleskommunal rammearkitektur',
          text: 'Rådet vedtager de seks principper for den fælleskommunale rammearkitektur som grundlag for kommunernes it-arkitekturstyring.',
          status: 'adopted',
          tags: ['rammearkitektur', 'principper'],
        },
        i3: {
          title: 'Arbejdsgruppe for data og integration nedsættes',
          text: 'Rådet nedsætter en arbejdsgruppe for fælles data- og integrationsarkitektur med mandat til at afrapportere inden årets udgang.',
          status: 'adopted',
          tags: ['arbejdsgruppe', 'data', 'integration'],
        },
      },
      attendance: everyone(['chair', 'm2', 'm3', 'm5', 'm6', 'm8', 'm9', 'secretary']),
      actions: [
        {
          id: 'act1',
          title: 'Udarbejd mandat for arbejdsgruppen for data og integration',
          assigneeId: 'm9',
          due: '2012-03-15',
          itemId: 'i3',
        },
      ],
    },
    proceedings: {
      votes: {
        i2: {
          mode: 'named',
          ballots: { chair: 'for', m2: 'for', m3: 'for', m5: 'for', m6: 'for', m9: 'for', m8: 'against' },
        },
      },
      dissents: [
        {
          itemId: 'i2',
          personId: 'm8',
          text: 'Horsens Kommune støtter principperne, men ønsker ført til protokol, at »genbrug før køb før byg« ikke må stå i vejen for fælles indkøb.',
        },
      ],
      conflicts: [
        { itemId: 'i4', personId: 'm6', reason: 'sidder i bestyrelsen for en af leverandørernes brugerforeninger' },
      ],
    },
  },
  {
    id: 'm-2012-05-10',
    title: 'Rådsmøde 2/2012',
    startsAt: '2012-05-10T09:00:00+02:00',
    endsAt: '2012-05-10T12:00:00+02:00',
    location: 'Aalborg, Boulevarden 13',
    status: 'approved',
    content: {
      agenda: [
        item('i1', 'Status fra arbejdsgruppen for data og integration', 'information', 30, 'a1'),
        item('i2', 'Revideret indikatorsæt for gevinstrealisering', 'decision', 45, 'm2'),
        item('i3', 'Den ekstroverte it-afdeling: fra serverrummet til rådgivning', 'discussion', 45, 'm4'),
        item('i4', 'Fælles it-sikkerhedspolitik', 'decision', 20, 'm6'),
      ],
      notes: {
        i1: ['Arbejdsgruppen har kortlagt de fælles integrationer og foreslår en fælles beskedfordeler.'],
        i2: [
          'Erfaringerne fra første kvartal viser, at to af indikatorerne ikke kan måles ensartet. Indikatorsættet revideres.',
        ],
        i3: [
          'Svendborg Kommune fortalte om at flytte serverdriften ud og it-teknikerne tættere på brugerne. It-afdelingerne skal være mere ekstroverte og borgervendte.',
        ],
        i4: ['Udkastet skal først i høring blandt netværkets sikkerhedsarkitekter. Punktet udsættes.'],
      },
      decisions: {
        i2: {
          title: 'Revideret indikatorsæt for gevinstrealisering',
          text: 'Hvert initiativ måles med højst tre indikatorer, hvoraf mindst én vedrører borgerens oplevelse. Afløser beslutning 2011-002.',
          status: 'adopted',
          supersedes: ['2011-002'],
          tags: ['gevinstrealisering', 'indikatorer'],
        },
        i4: { title: 'Fælles it-sikkerhedspolitik for kommunerne', text: '', status: 'postponed', tags: ['sikkerhed'] },
      },
      attendance: everyone(['chair', 'm2', 'm3', 'm4', 'm5', 'm7', 'm8', 'm9', 'secretary']),
      actions: [
        {
          id: 'act1',
          title: 'Indsaml erfaringer med borgervendt support',
          assigneeId: 'm4',
          due: '2012-08-31',
          itemId: 'i3',
          groupId: 'g-data',
        },
      ],
    },
  },
  {
    id: 'm-2026-12-10',
    title: 'Rådsmøde 4/2026',
    startsAt: '2026-12-10T09:00:00+01:00',
    endsAt: '2026-12-10T12:00:00+01:00',
    location: 'KL, Weidekampsgade 10, København S · Teams',
    status: 'draft',
    papers: [
      {
        itemId: 'i2',
        fileName: 'Afrapportering fra arbejdsgruppen for data og integration.pdf',
        pages: [
          [
            'Arbejdsgruppen har kortlagt kommunernes integrationer mellem fagsystemer og de fælleskommunale støttesystemer. Kortlægningen omfatter 42 kommuner.',
            'De fleste integrationer er punkt-til-punkt. Gruppen anbefaler en fælles integrationsplatform med beskedformater, der følger rammearkitekturen.',
          ],
          [
            'Anbefalinger. 1) Rådet godkender principperne for fælles beskedformater. 2) Sekretariatet undersøger, hvordan en fælles integrationsplatform kan udbydes. 3) Gruppen afrapporterer igen på rådets andet møde i 2027.',
          ],
        ],
      },
      {
        itemId: 'i3',
        fileName: 'Indikatorer 2026.csv',
        csv: 'Indikator;Baseline;Mål;Seneste måling\nAndel digitale ansøgninger (%);61;90;78\nKommuner på fælles integrationsplatform;4;98;23\nFagsystemer med fælles beskedformat;12;60;31\n',
      },
    ],
    content: {
      agenda: [
        item('i1', 'Godkendelse af dagsorden og referat', 'information', 10, 'chair'),
        item('i2', 'Afrapportering fra arbejdsgruppen for data og integration', 'discussion', 40, 'a1'),
        item('i3', 'Handlingsplan 2026–2029: status på indikatorer', 'decision', 45, 'm2'),
        item('i4', 'Eventuelt', 'information', 10, 'chair'),
      ],
      notes: { i1: ['Udkast: dagsordenen udsendes en uge før mødet.'] },
      decisions: {
        i3: { title: 'Status på handlingsplanens indikatorer', text: '', status: 'proposed', tags: ['handlingsplan'] },
      },
    },
  },
];

/** Creates the demo data when the database has nobody in it; returns the sign-ins, or null. */
export async function seedDemoIfEmpty(server: CouncilServer): Promise<{ email: string; role: Role }[] | null> {
  const { db, repos } = server;
  if ((db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n > 0) return null;
  const store = new SqliteDocumentStore(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const saveDoc = async (name: string, doc: Y.Doc) => {
    await store.compact(name, Y.encodeStateAsUpdate(doc), 0);
    projectDocument(db, name, doc);
  };

  const people = [...staff, ...council, ...architects];
  for (const person of people) await repos.people.create({ ...person, locale: 'da' }, passwordHash);

  await repos.groups.create({
    id: 'g-data',
    name: 'Arbejdsgruppe for data og integration',
    purpose: 'Fælles data- og integrationsarkitektur for kommunerne',
    status: 'active',
    visibility: 'open',
  });
  await repos.groups.create({
    id: 'g-sikkerhed',
    name: 'Arbejdsgruppe for sikkerhed og identitet',
    purpose: 'Fælles principper for informationssikkerhed og brugerstyring',
    status: 'forming',
    visibility: 'closed',
  });
  await repos.groups.addMember('g-data', 'a1', 'lead');
  for (const id of ['a2', 'a3', 'a4', 'a5', 'm9']) await repos.groups.addMember('g-data', id, 'member');
  await repos.groups.addMember('g-sikkerhed', 'a6', 'lead');
  for (const id of ['a7', 'a8', 'a9', 'a10', 'a11', 'a12']) await repos.groups.addMember('g-sikkerhed', id, 'member');

  await saveDoc(
    docNames.group('g-data'),
    buildGroupDoc(
      [
        'Arbejdsgruppen udarbejder en fælles data- og integrationsarkitektur, der gør det muligt at dele data på tværs af kommunernes fagsystemer.',
        'Gruppen afrapporterer til rådet på hvert andet møde.',
      ],
      [
        {
          id: 't1',
          title: 'Kortlæg eksisterende integrationer',
          status: 'done',
          assigneeId: 'a2',
          due: '2026-09-30',
        },
        {
          id: 't2',
          title: 'Beskriv fælles beskedformat',
          status: 'doing',
          assigneeId: 'a3',
          due: '2026-11-15',
        },
        {
          id: 't3',
          title: 'Afklar hosting af beskedfordeler',
          status: 'blocked',
          assigneeId: 'a1',
          due: '2026-12-01',
        },
        {
          id: 't4',
          title: 'Udkast til afrapportering til rådet',
          status: 'todo',
          assigneeId: 'a1',
          due: '2026-12-05',
        },
        {
          id: 't5',
          title: 'Høring blandt netværkets arkitekter',
          status: 'todo',
          assigneeId: 'a4',
          due: '2027-01-20',
        },
      ],
    ),
  );
  await saveDoc(
    docNames.group('g-sikkerhed'),
    buildGroupDoc(
      ['Arbejdsgruppen foreslår fælles principper for informationssikkerhed og brugerstyring i kommunerne.'],
      [
        {
          id: 't1',
          title: 'Saml kommunernes sikkerhedspolitikker',
          status: 'doing',
          assigneeId: 'a7',
          due: '2026-12-15',
        },
        {
          id: 't2',
          title: 'Analyse af fælles brugerstyring',
          status: 'todo',
          assigneeId: 'a8',
          due: '2027-02-01',
        },
      ],
    ),
  );

  // The data group asks the network for help; one architect has already offered it and waits for
  // the lead's answer, so the lead's and the architects' home pages have something to show.
  await repos.calls.create({
    id: 'c-beskedfordeler',
    groupId: 'g-data',
    competencies: ['integration', 'digital post'],
    note: 'Vi søger to arkitekter, der vil være med til at beskrive, hvordan beskedfordeleren skal bruges til digital post.',
    createdBy: 'a1',
  });
  await repos.calls.volunteer(
    'c-beskedfordeler',
    'a20',
    'Jeg har stået for integrationen til Digital Post i min kommune og vil gerne bidrage.',
  );

  const secretary = { id: 'secretary', role: 'secretary' as const, groups: {} };
  for (const m of meetings) {
    await repos.meetings.create({
      // Approved meetings are created awaiting approval and approved below.
      status: m.status === 'approved' ? 'minutes-draft' : m.status,
      id: m.id,
      title: m.title,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      location: m.location,
    });
    const { open, closed } = buildMeetingDocs(m.content);
    await saveDoc(docNames.meeting(m.id), open);
    await saveDoc(docNames.meetingClosed(m.id), closed);
    for (const paper of m.papers ?? []) {
      const bytes =
        'pages' in paper ? await demoPdf(paper.fileName.replace(/\.pdf$/, ''), paper.pages) : Buffer.from(paper.csv);
      await server.papers.upload(secretary, m.id, paper.itemId, Readable.from([Buffer.from(bytes)]), {
        name: paper.fileName,
      });
    }
    if (m.status !== 'approved') continue;
    const proceedings = new ProceedingsRepo(db);
    const at = m.startsAt;
    for (const [itemId, vote] of Object.entries(m.proceedings?.votes ?? {})) {
      proceedings.saveVote(m.id, itemId, vote, 'chair', at);
    }
    for (const d of m.proceedings?.dissents ?? [])
      proceedings.saveDissent(m.id, d.itemId, d.personId, d.text, 'secretary', at);
    for (const c of m.proceedings?.conflicts ?? []) {
      proceedings.declareConflict(m.id, c.itemId, c.personId, c.reason, c.personId, at);
    }
    // Approved through the same command the chair uses, so that numbers, minutes, follow-ups,
    // search and group tasks are exactly what the product makes. Then dated to the meeting's day.
    await server.meetings.transition({ id: 'chair', role: 'chair', groups: {} }, m.id, 'approve');
    db.prepare('UPDATE minutes SET approved_at = ? WHERE meeting_id = ?').run(m.endsAt, m.id);
    db.prepare("UPDATE audit SET at = ? WHERE resource = ? AND action = 'meeting.approve'").run(
      new Date(m.endsAt).toISOString(),
      `meeting:${m.id}`,
    );
    // Its papers went out with the agenda, a week before the meeting.
    const sent = new Date(new Date(m.startsAt).getTime() - 7 * 86_400_000).toISOString();
    db.prepare('UPDATE papers SET created_at = ? WHERE meeting_id = ?').run(sent, m.id);
    db.prepare(
      'UPDATE paper_versions SET uploaded_at = ? WHERE paper_id IN (SELECT id FROM papers WHERE meeting_id = ?)',
    ).run(sent, m.id);
  }
  // The secretariat sent out the material of the first meeting long ago: one done, one still open.
  await repos.councilActions.setDone('m-2011-11-11', 'act1', 'secretary');
  db.prepare("UPDATE council_actions_done SET done_at = '2011-11-24T10:00:00.000Z'").run();
  // The 2012 action point the data group took on its board was done long ago, not overdue for 14 years.
  const board = await server.hocuspocus.openDirectConnection(docNames.group('g-data'));
  await board.transact((doc) => {
    for (const task of readTasks(doc)) if (task.due?.startsWith('2012')) moveTask(doc, task.id, 'done');
  });
  await board.disconnect();

  await repos.plans.create({
    id: 'p-2026',
    title: 'Fælleskommunal digitaliseringsstrategi 2026–2029',
    periodStart: '2026-01-01',
    periodEnd: '2029-12-31',
  });
  await saveDoc(
    docNames.plan('p-2026'),
    buildPlanDoc([
      {
        id: 'ini1',
        title: 'Fælles beskedfordeler',
        theme: 'Data og integration',
        status: 'active',
        ownerGroupId: 'g-data',
        startDate: '2026-02-01',
        endDate: '2027-12-31',
        description: [
          'Kommunerne deler én beskedfordeler, så fagsystemer kan udveksle data uden punkt-til-punkt-integrationer.',
        ],
        benefits: [{ id: 'b1', description: 'Færre integrationer at vedligeholde', kind: 'economic' }],
        indicators: [
          {
            id: 'ind1',
            name: 'Kommuner tilsluttet',
            unit: 'kommuner',
            baseline: 0,
            target: 98,
            measurements: [
              { date: '2026-03-31', value: 6 },
              { date: '2026-06-30', value: 19 },
              { date: '2026-09-30', value: 31 },
            ],
          },
        ],
      },
      {
        id: 'ini2',
        title: 'Digital selvbetjening i borgerservice',
        theme: 'Borgeren i centrum',
        status: 'active',
        startDate: '2026-01-01',
        endDate: '2028-06-30',
        description: [
          'Flere henvendelser løses digitalt, så medarbejderne i borgerservice får tid til de borgere, der har brug for hjælp.',
        ],
        benefits: [
          { id: 'b1', description: 'Tid frigjort i borgerservice', kind: 'time' },
          { id: 'b2', description: 'Bedre oplevelse for borgeren', kind: 'citizen' },
        ],
        indicators: [
          {
            id: 'ind1',
            name: 'Andel digitale henvendelser',
            unit: '%',
            baseline: 62,
            target: 85,
            measurements: [
              { date: '2026-03-31', value: 64 },
              { date: '2026-06-30', value: 67 },
              { date: '2026-09-30', value: 71 },
            ],
          },
          {
            id: 'ind2',
            name: 'Borgertilfredshed',
            unit: 'point (1–5)',
            baseline: 3.6,
            target: 4.2,
            measurements: [{ date: '2026-06-30', value: 3.7 }],
          },
        ],
      },
      {
        id: 'ini3',
        title: 'Fælles principper for brugerstyring',
        theme: 'Sikkerhed',
        status: 'planned',
        ownerGroupId: 'g-sikkerhed',
        startDate: '2027-01-01',
        endDate: '2028-12-31',
        description: ['Én fælles tilgang til identitet og adgang på tværs af kommunernes systemer.'],
        benefits: [{ id: 'b1', description: 'Færre sikkerhedshændelser', kind: 'quality' }],
        indicators: [
          {
            id: 'ind1',
            name: 'Systemer med fælles login',
            unit: 'systemer',
            baseline: 4,
            target: 40,
            measurements: [],
          },
        ],
      },
    ]),
  );

  // The council's standard agenda, which the secretary picks when creating the next meeting.
  await repos.templates.create({
    id: 't-ordinaert',
    name: 'Ordinært rådsmøde',
    description: 'De faste punkter på rådets kvartalsmøder.',
    items: [
      {
        title: 'Godkendelse af dagsorden',
        kind: 'decision',
        durationMinutes: 5,
        presenterRole: 'chair',
        confidential: false,
      },
      {
        title: 'Meddelelser fra formanden',
        kind: 'information',
        durationMinutes: 10,
        presenterRole: 'chair',
        confidential: false,
      },
      {
        title: 'Orientering fra arbejdsgrupperne',
        kind: 'information',
        durationMinutes: 20,
        presenterRole: 'secretary',
        confidential: false,
      },
      { title: 'Eventuelt', kind: 'discussion', durationMinutes: 10, presenterRole: null, confidential: false },
    ],
  });

  indexPeople(db);
  // Approving fifteen years of minutes above raised notifications (and their mail) as it would
  // have then: history written at install is news to nobody, so the demo starts with none.
  db.exec('DELETE FROM mail_outbox; DELETE FROM notifications;');
  return people.map(({ email, role }) => ({ email, role }));
}
