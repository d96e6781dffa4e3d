import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  addAgendaItem,
  addTask,
  can,
  docNames,
  LIMITS,
  parseDocumentName,
  readAgendaEntries,
  type Site,
  setAttendance,
  withdrawApologies,
} from '@council/shared';
import { Hocuspocus } from '@hocuspocus/server';
import express from 'express';
import helmet from 'helmet';
import { type WebSocket, WebSocketServer } from 'ws';
import { AuthExtension } from './collab/AuthExtension.ts';
import { SqliteDocumentStore } from './collab/DocumentStore.ts';
import { DurableLogExtension } from './collab/DurableLogExtension.ts';
import { FramedSocket } from './collab/FramedSocket.ts';
import { GracePeriodExtension } from './collab/GracePeriodExtension.ts';
import { HocuspocusLiveDocuments } from './collab/LiveDocuments.ts';
import { malformedFrame } from './collab/messageGuard.ts';
import { PresenceExtension } from './collab/PresenceExtension.ts';
import { ProjectorExtension } from './collab/ProjectorExtension.ts';
import { SchemaMigrationExtension } from './collab/SchemaMigrationExtension.ts';
import { SizeLimitExtension } from './collab/SizeLimitExtension.ts';
import { blobDirOf, type Config } from './config.ts';
import { type Db, openDatabase } from './db/connection.ts';
import { councilActionRoutes } from './domains/actions/routes.ts';
import { auditRoutes } from './domains/audit/routes.ts';
import { ExternalPeople } from './domains/auth/externalPeople.ts';
import { createIdentity } from './domains/auth/index.ts';
import { OidcProviders } from './domains/auth/oidc/providers.ts';
import { OidcRepo } from './domains/auth/oidc/repo.ts';
import { oidcRoutes } from './domains/auth/oidc/routes.ts';
import { OidcService } from './domains/auth/oidc/service.ts';
import { authRoutes } from './domains/auth/routes.ts';
import { SamlRepo } from './domains/auth/saml/repo.ts';
import { samlRoutes } from './domains/auth/saml/routes.ts';
import { SamlService } from './domains/auth/saml/service.ts';
import { decisionRoutes } from './domains/decisions/routes.ts';
import { groupRoutes } from './domains/groups/routes.ts';
import { GroupsService } from './domains/groups/service.ts';
import { homeRoutes } from './domains/home/routes.ts';
import { HomeService } from './domains/home/service.ts';
import { calendarFeedRoutes } from './domains/meetings/feeds.ts';
import { invitationEvent } from './domains/meetings/invitationMail.ts';
import { ProceedingsService } from './domains/meetings/proceedings.ts';
import { ReviewsService } from './domains/meetings/reviews.ts';
import { meetingRoutes } from './domains/meetings/routes.ts';
import { RsvpService } from './domains/meetings/rsvps.ts';
import { MeetingsService } from './domains/meetings/service.ts';
import { SignaturesRepo } from './domains/meetings/signatures.ts';
import { createNotifications, type Notifications } from './domains/notifications/index.ts';
import { ArchiveService } from './domains/papers/archive/service.ts';
import { DiskBlobStore } from './domains/papers/blobStore.ts';
import { PaperExtractor } from './domains/papers/extractor.ts';
import { paperRoutes } from './domains/papers/routes.ts';
import { indexPapersInSlices, visibilityOf } from './domains/papers/searchIndex.ts';
import { PapersService } from './domains/papers/service.ts';
import { Erasure } from './domains/people/erasure.ts';
import { peopleRoutes } from './domains/people/routes.ts';
import { PeopleService } from './domains/people/service.ts';
import { planRoutes } from './domains/plans/routes.ts';
import { PlansService } from './domains/plans/service.ts';
import { projectDocument, safeProjector } from './domains/projections.ts';
import { proposalRoutes } from './domains/proposals/routes.ts';
import { ProposalsService } from './domains/proposals/service.ts';
import { createRepos, type Repos } from './domains/repos.ts';
import { indexPeople } from './domains/search/indexer.ts';
import { searchRoutes } from './domains/search/routes.ts';
import { templateRoutes } from './domains/templates/routes.ts';
import { SeriesScheduler, SeriesService } from './domains/templates/series.ts';
import { TemplatesService } from './domains/templates/service.ts';
import { authenticate } from './http/auth.ts';
import { ChangeFeed } from './http/changeFeed.ts';
import { errorHandler, notFoundRoute } from './http/errors.ts';
import { idempotency } from './http/idempotency.ts';
import { openApiDocument, servedRoutes } from './http/openapi.ts';
import { hostCheck, isAllowedHost, isAllowedOrigin, originCheck } from './http/origin.ts';
import { webAppRoutes } from './http/webApp.ts';
import { createLogger, type Logger } from './logger.ts';
import { startRetention } from './ops/retention.ts';
import { Outbox } from './outbox/Outbox.ts';

export interface CouncilServer {
  db: Db;
  /** Every route /api serves, as `METHOD /api/path`, so that tests can hold the OpenAPI document to it. */
  routes: string[];
  repos: Repos;
  meetings: MeetingsService;
  outbox: Outbox;
  notifications: Notifications;
  papers: PapersService;
  /** Reads papers' text into the search index; tests wait for it to be idle. */
  extractor: PaperExtractor;
  /** Keeps meeting series' drafts made ahead; tests tick it with a date of their own. */
  series: SeriesScheduler;
  hocuspocus: Hocuspocus;
  httpServer: Server;
  logger: Logger;
  listen(port: number, host?: string): Promise<number>;
  /** Runs the pending debounced stores and projections now, so that storage is quiet until the next change. */
  settle(): Promise<void>;
  /** Checks live connections against their sessions now (it also runs every minute): ended sessions are closed. */
  sweepSessions(): Promise<void>;
  close(): Promise<void>;
}

export interface ServerOptions {
  /**
   * Benchmarks only: with false, updates are not logged before they are acknowledged, only stored
   * by the debounced compaction, as a plain Hocuspocus server would. It exists to measure what the
   * log costs (bench/sync); nothing else sets it.
   */
  durableLog?: boolean;
  /** Where the log goes instead of standard output: tests read it. */
  logDestination?: { write(line: string): void };
}

/** How often live connections are checked against their sessions (expiry, and marking them as in use). */
const SESSION_SWEEP_MS = 60_000;
/** How often the database is checked for commits made by another process. */
const OUTSIDE_CHANGES_MS = 1_000;

export function createCouncilServer(config: Config, options: ServerOptions = {}): CouncilServer {
  const logger = createLogger(config.logLevel, options.logDestination);
  const db = openDatabase(config.databaseFile);
  const repos = createRepos(db);
  // The collaboration server needs auth and is created below; sign-out reaches it through this late-bound hook.
  let closeSession = (_sessionId: string) => {};
  const store = new SqliteDocumentStore(db);

  const changes = new ChangeFeed();
  // Absolute links (calendars, mail) name the public URL, never the Host a request came with.
  let ownUrl = config.publicUrl ?? 'http://localhost';
  const identity = createIdentity(
    db,
    repos,
    config,
    () => ownUrl,
    (sessionId) => closeSession(sessionId),
  );
  const { auth } = identity;
  const notifications = createNotifications(
    db,
    config,
    () => ownUrl,
    () => changes.changed(),
    logger,
    invitationEvent(() => ownUrl, config.mailFrom),
    identity.mail,
  );
  const projectSafely = safeProjector(db, logger);
  // A board's tasks are in read models that browsers list (My tasks, home): tell them when it changes.
  // Meetings are left out (their agendas change with every keystroke of a meeting in progress),
  // unless the change cleared signatures of draft minutes, which the signatures tab shows.
  const signatures = new SignaturesRepo(db);
  const project: typeof projectSafely = (name, doc, editors) => {
    const ref = parseDocumentName(name);
    const meetingId = ref && 'meetingId' in ref ? ref.meetingId : null;
    const signed = meetingId ? signatures.count(meetingId) : 0;
    projectSafely(name, doc, editors);
    // A task given on a board, or a published agenda changed, is told in the projection's transaction.
    if (editors) notifications.sender.wake();
    if (ref?.kind === 'group' || (meetingId && signatures.count(meetingId) < signed)) changes.changed();
  };
  const projector = new ProjectorExtension(project);
  const hocuspocus = new Hocuspocus({
    name: 'council',
    quiet: true,
    debounce: 2000,
    maxDebounce: 10_000,
    extensions: [
      new AuthExtension(auth, repos),
      new PresenceExtension(),
      new DurableLogExtension(store, logger, options.durableLog ?? true),
      new SchemaMigrationExtension(logger),
      new SizeLimitExtension(config.maxUpdateBytes, config.maxDocumentBytes, logger),
      projector,
      new GracePeriodExtension(config.documentGraceMs, config.documentGraceBudgetBytes),
    ],
  });

  const live = new HocuspocusLiveDocuments(hocuspocus, repos, (personId) => auth.actorOf(personId));
  closeSession = (sessionId) => {
    live.closeSession(sessionId);
    changes.closeSession(sessionId);
  };
  const sweepSessions = async () => {
    for (const sessionId of await auth.sweep(live.sessionIds())) live.closeSession(sessionId);
  };
  const sessionSweep = setInterval(() => {
    sweepSessions().catch((err) => logger.error({ err }, 'session sweep failed'));
  }, SESSION_SWEEP_MS);
  sessionSweep.unref();
  const stopRetention = startRetention(
    db,
    { auditDays: config.auditRetentionDays, signInDays: config.sessionRetentionDays },
    logger,
  );
  // The command line (`council reset-password`) ends sessions from another process; SQLite's
  // data_version moves when another connection commits, and the sweep then closes their sockets.
  let dataVersion = db.pragma('data_version', { simple: true });
  const outsideChanges = setInterval(() => {
    const now = db.pragma('data_version', { simple: true });
    if (now === dataVersion) return;
    dataVersion = now;
    sweepSessions().catch((err) => logger.error({ err }, 'session sweep failed'));
  }, OUTSIDE_CHANGES_MS);
  outsideChanges.unref();
  const outbox = new Outbox(db, logger);
  const blobs = new DiskBlobStore(blobDirOf(config));
  blobs.clearStaging();
  const extractor = new PaperExtractor(db, blobs, outbox, logger, () => changes.changed());
  outbox.handle({
    'group.task': async ({ groupId, taskId, ...task }) => {
      if (!(await repos.groups.byId(groupId))) throw new Error(`no working group ${groupId}`);
      await live.change(docNames.group(groupId), (doc) => addTask(doc, taskId, { ...task, status: 'todo' }));
    },
    'document.project': ({ name }) => live.read(name, (doc) => void projectDocument(db, name, doc)),
    'meeting.agendaItem': ({ meetingId, item }) =>
      live.change(docNames.meeting(meetingId), (open) => {
        if (!readAgendaEntries(open).some((i) => i.id === item.id)) addAgendaItem({ open }, item);
      }),
    'meeting.rsvp': ({ meetingId, personId, response }) =>
      live.change(docNames.meeting(meetingId), (doc) =>
        response === 'declined' ? setAttendance(doc, personId, 'apologies') : withdrawApologies(doc, personId),
      ),
    'papers.index': async ({ meetingId }) => {
      const visibility = await live.read(docNames.meeting(meetingId), (doc) => visibilityOf(db, meetingId, doc));
      await indexPapersInSlices(db, meetingId, visibility);
    },
  });
  // Whatever a crash left between a commit and its side effects is applied now.
  void outbox.drain();
  const meetingsService = new MeetingsService(
    db,
    repos,
    live,
    outbox,
    project,
    logger,
    notifications.notifier,
    config.minutesSignoff,
  );
  const proceedings = new ProceedingsService(db, repos, meetingsService, notifications.notifier);
  const reviews = new ReviewsService(db, repos, meetingsService, live, notifications.notifier);
  const rsvps = new RsvpService(db, repos, meetingsService, outbox);
  const papers = new PapersService(
    db,
    repos,
    meetingsService,
    blobs,
    outbox,
    { fileBytes: config.maxPaperBytes, meetingBytes: config.maxMeetingPapersBytes },
    () => extractor.wake(),
  );
  const proposals = new ProposalsService(db, repos, meetingsService, outbox, notifications.notifier);
  const groupsService = new GroupsService(db, repos, live, project, notifications.notifier);
  const plansService = new PlansService(repos, live);
  const templatesService = new TemplatesService(db, repos, live, meetingsService);
  const seriesService = new SeriesService(db, repos, templatesService, logger);
  const seriesScheduler = new SeriesScheduler(seriesService, logger, () => changes.changed());

  const app = express();
  app.disable('x-powered-by');
  app.use(hostCheck(config));
  app.use(
    helmet({
      strictTransportSecurity: config.production,
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Mantine sets CSS variables through style attributes.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: config.production ? [] : null,
        },
      },
    }),
  );

  const api = express.Router();
  api.use(express.json({ limit: LIMITS.jsonBodyBytes }));
  // Answers are per person and change with every edit: no browser or proxy keeps a copy.
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(originCheck(config));
  api.use(authenticate(auth));
  api.use(changes.afterWrites);
  api.use(idempotency(db));
  api.get('/events', changes.route);
  api.get('/health', (req, res) => {
    // Unhealthy while documents cannot be stored: edits are then refused, not acknowledged.
    const failure = store.writeFailure();
    if (failure) {
      res.status(503).json({ ok: false, reason: `cannot store changes: ${failure.error}`, since: failure.since });
      return;
    }
    // How busy the server is tells an attacker when a meeting is on: the counts are for admins.
    if (!can(req.auth?.actor, 'read', { type: 'server' })) {
      res.json({ ok: true });
      return;
    }
    res.json({ ok: true, documents: hocuspocus.getDocumentsCount(), connections: hocuspocus.getConnectionsCount() });
  });
  // For every page, the sign-in page too: nothing here is secret.
  api.get('/site', (_req, res) => {
    res.json({
      accessibilityStatementUrl: config.accessibilityStatementUrl,
      accessibilityContact: config.accessibilityContact,
    } satisfies Site);
  });
  const openApi = openApiDocument(config.publicUrl);
  api.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  const accounts = identity.accounts(
    notifications.outbox,
    () => notifications.sender.wake(),
    () => config.auth.oidc.length + config.auth.saml.length > 0,
  );
  const reindexPeople = () => indexPeople(db);
  const oidcProviders = new OidcProviders(config.auth.oidc);
  const oidcRepo = new OidcRepo(db);
  const externalPeople = new ExternalPeople(
    oidcRepo,
    repos.people,
    repos.audit,
    config.auth,
    async (personId, roleChanged) => {
      reindexPeople();
      // A role the provider changed reaches the person's open documents at once, as an admin's does.
      if (roleChanged) await live.refreshPerson(personId);
    },
  );
  const oidc = new OidcService(oidcRepo, oidcProviders, externalPeople, auth, () => ownUrl);
  api.use(authRoutes(auth, accounts, config.production, logger, (token) => oidc.endSessionUrl(token)));
  const saml = new SamlService(new SamlRepo(db), config.auth.saml, externalPeople, auth, () => ownUrl);
  api.use(
    oidcRoutes(
      oidc,
      oidcProviders,
      config.production,
      logger,
      config.auth.saml.map(({ id, name }) => ({ id, name, start: `/api/auth/saml/${encodeURIComponent(id)}/start` })),
    ),
  );
  api.use(samlRoutes(saml, config.production, logger));
  api.use(
    peopleRoutes(
      repos.people,
      new PeopleService(repos.people, reindexPeople),
      accounts,
      repos.audit,
      reindexPeople,
      async (actor) => (await groupsService.visibleGroups(actor)).map((g) => g.id),
      (personId) => live.refreshPerson(personId),
      db,
      notifications.notifier,
      new Erasure(db, repos.people, repos.audit, auth),
    ),
  );
  api.use(meetingRoutes(meetingsService, proceedings, reviews, rsvps, repos, () => ownUrl));
  api.use(
    calendarFeedRoutes(
      db,
      repos,
      (personId) => auth.actorOf(personId),
      () => ownUrl,
    ),
  );
  api.use(paperRoutes(papers, new ArchiveService(repos, meetingsService, papers.repo, blobs)));
  api.use(proposalRoutes(proposals));
  api.use(decisionRoutes(repos.decisions));
  api.use(councilActionRoutes(db, repos.councilActions, repos.audit));
  api.use(auditRoutes(repos.audit));
  api.use(groupRoutes(groupsService));
  api.use(planRoutes(repos.plans, plansService));
  api.use(searchRoutes(repos.search));
  api.use(homeRoutes(new HomeService(db, repos, groupsService)));
  api.use(templateRoutes(templatesService, seriesService));
  api.use(notifications.routes());
  api.use(notFoundRoute);
  api.use(errorHandler(logger));
  app.use('/api', api);

  app.use(webAppRoutes(config.webDist, logger));

  const httpServer = createServer(app);
  // No permessage-deflate: FramedSocket relies on ws writing every frame synchronously.
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.collabMessageBytes, perMessageDeflate: false });

  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/collab' || !isAllowedHost(req, config) || !isAllowedOrigin(req, config)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => acceptCollabSocket(ws, req));
  });

  function acceptCollabSocket(ws: WebSocket, req: IncomingMessage): void {
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(key, value);
    }
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, { headers });
    const framed = new FramedSocket(ws, config.maxSendBufferBytes, (bufferedBytes) =>
      logger.warn({ bufferedBytes }, 'collab reader fell too far behind; closing that connection'),
    );
    const client = hocuspocus.handleConnection(framed, request);
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      // The Yjs protocol is binary; a text frame is a client that does not speak it.
      if (ws.readyState !== ws.OPEN) return; // closing: nothing more from this client
      if (!isBinary) return ws.close(1003, 'Binary frames only');
      const frame = new Uint8Array(data);
      const malformed = malformedFrame(frame);
      if (malformed) {
        logger.warn({ reason: malformed }, 'malformed collab message; closing that connection');
        return ws.close(1007, 'Malformed message');
      }
      client.handleMessage(frame);
    });
    ws.on('close', (code, reason) => client.handleClose({ code, reason: reason.toString() }));
    // ws closes the socket itself on protocol errors and oversized frames (1009); only log here.
    ws.on('error', (err) => logger.warn({ err: err.message }, 'collab socket error'));
  }

  return {
    db,
    routes: servedRoutes(api as unknown as Parameters<typeof servedRoutes>[0]),
    repos,
    meetings: meetingsService,
    papers,
    extractor,
    series: seriesScheduler,
    outbox,
    notifications,
    hocuspocus,
    httpServer,
    logger,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const listening = (httpServer.address() as AddressInfo).port;
          const name = ['0.0.0.0', '::'].includes(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;
          ownUrl = config.publicUrl ?? `http://${name}:${listening}`;
          // Mail needs the URL its links name: what a crash left unsent goes now, due digests too.
          notifications.start();
          seriesScheduler.start();
          // Papers whose text a crash or a stop left unread are read now.
          extractor.wake();
          resolve(listening);
        });
      });
    },
    async settle() {
      for (const name of hocuspocus.documents.keys()) {
        const id = `onStoreDocument-${name}`;
        if (hocuspocus.debouncer.isDebounced(id)) await hocuspocus.debouncer.executeNow(id);
      }
      projector.flush();
    },
    sweepSessions,
    async close() {
      clearInterval(sessionSweep);
      clearInterval(outsideChanges);
      stopRetention();
      await notifications.stop();
      await seriesScheduler.stop();
      await extractor.stop();
      changes.close();
      hocuspocus.closeConnections();
      hocuspocus.flushPendingStores();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
      db.close();
    },
  };
}
