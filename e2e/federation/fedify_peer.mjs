// A fediverse server built with Fedify (an independent ActivityPub implementation) plays
// the remote side of e2e/test_federation_interop.py. It runs on loopback, finds the
// alliance's actor through WebFinger, follows it with a signed Follow, and records what
// the alliance sends: Fedify verifies each request's HTTP signature before a listener
// sees it (an unverified request is answered 401 and never reaches a listener).
//
// Usage: node fedify_peer.mjs <alliance base URL> <findings.json>
// It prints "LISTENING <port>", then "FOLLOWED" once the Accept arrived, and writes its
// findings when it received a Delete, or after the time limit, then exits.
import http from "node:http";
import { writeFileSync } from "node:fs";
import {
  Accept,
  Article,
  Create,
  Delete,
  Endpoints,
  Event,
  Follow,
  LanguageString,
  MemoryKvStore,
  Person,
  Place,
  Tombstone,
  Update,
  createFederation,
  generateCryptoKeyPair,
  lookupWebFinger,
} from "@fedify/fedify";

const [siteUrl, output] = process.argv.slice(2);
const LIMIT_MS = Number(process.env.FEDIFY_PEER_LIMIT_MS ?? 240000);
const findings = { webfinger: {}, follow: {}, received: [], inbox: [], errors: [] };
const keyPair = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
const federation = createFederation({ kv: new MemoryKvStore(), allowPrivateAddress: true });

federation
  .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
    if (identifier !== "peer") return null;
    const [pair] = await ctx.getActorKeyPairs(identifier);
    return new Person({
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      name: "Fedify peer",
      inbox: ctx.getInboxUri(identifier),
      endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
      publicKey: pair.cryptographicKey,
    });
  })
  .setKeyPairsDispatcher(async () => [keyPair]);

function languageMap(values) {
  const map = {};
  for (const value of values) {
    if (value instanceof LanguageString) map[value.language.compact()] = value.toString();
  }
  return map;
}

async function describe(object) {
  const base = { type: object?.constructor?.name ?? null, id: object?.id?.href ?? null };
  if (object instanceof Article || object instanceof Event) {
    Object.assign(base, {
      name: object.name?.toString() ?? null,
      nameMap: languageMap(object.names),
      summaryMap: languageMap(object.summaries),
      contentMap: languageMap(object.contents),
      url: object.url?.href ?? null,
      attributedTo: object.attributionId?.href ?? null,
      published: object.published?.toString() ?? null,
      tags: [],
    });
    for await (const tag of object.getTags()) base.tags.push(tag.name?.toString() ?? null);
  }
  if (object instanceof Event) {
    base.startTime = object.startTime?.toString() ?? null;
    base.endTime = object.endTime?.toString() ?? null;
    const place = await object.getLocation();
    if (place instanceof Place) {
      base.location = {
        name: place.name?.toString() ?? null,
        latitude: place.latitude,
        longitude: place.longitude,
      };
    }
  }
  if (object instanceof Tombstone) base.deleted = object.deleted?.toString() ?? null;
  return base;
}

function record(kind) {
  return async (ctx, activity) => {
    const entry = { activity: kind, id: activity.id?.href, actor: activity.actorId?.href };
    try {
      entry.object = await describe(await activity.getObject());
    } catch (error) {
      entry.error = String(error);
    }
    findings.received.push(entry);
    console.log(`RECEIVED ${kind} ${entry.object?.type ?? ""} ${entry.object?.name ?? ""}`);
    if (kind === "Accept") accepted();
    if (kind === "Delete") finish();
  };
}

federation
  .setInboxListeners("/users/{identifier}/inbox", "/inbox")
  .on(Accept, record("Accept"))
  .on(Create, record("Create"))
  .on(Update, record("Update"))
  .on(Delete, record("Delete"));

let accepted;
const acceptedPromise = new Promise((resolve) => (accepted = resolve));

const server = http.createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  const url = new URL(req.url, `http://${req.headers.host}`);
  const request = new Request(url, {
    method: req.method,
    headers: req.headers,
    body: ["GET", "HEAD"].includes(req.method) ? undefined : body,
  });
  const response = await federation.fetch(request, { contextData: undefined });
  if (req.method === "POST") {
    const raw = body.toString("utf8");
    let parsed = null;
    try {
      parsed = JSON.parse(raw);
    } catch {}
    findings.inbox.push({
      path: url.pathname,
      status: response.status,
      signature: req.headers.signature ?? null,
      signatureInput: req.headers["signature-input"] ?? null,
      digest: req.headers.digest ?? null,
      raw: parsed,
    });
  }
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});

function finish() {
  setTimeout(() => {
    writeFileSync(output, JSON.stringify(findings, null, 2));
    server.close();
    process.exit(0);
  }, 500);
}

server.listen(0, "127.0.0.1", async () => {
  const port = server.address().port;
  const base = `http://127.0.0.1:${port}`;
  console.log(`LISTENING ${port}`);
  setTimeout(finish, LIMIT_MS);
  try {
    const site = new URL(siteUrl);
    // Fedify looks an acct: handle up over https only; the site here is served over http
    // on loopback, so the handle's JRD is read directly and the actor's address is looked
    // up through Fedify's own WebFinger client.
    const handle = `acct:alliance@${site.host}`;
    const jrdResponse = await fetch(`${siteUrl}/.well-known/webfinger?resource=${handle}`);
    const jrd = await jrdResponse.json();
    const self = jrd.links.find((link) => link.rel === "self");
    findings.webfinger = { subject: jrd.subject, self: self?.href, type: self?.type };
    const viaFedify = await lookupWebFinger(self.href, { allowPrivateAddress: true });
    findings.webfinger.fedifySubject = viaFedify?.subject ?? null;
    const ctx = federation.createContext(new URL(base), undefined);
    const actor = await ctx.lookupObject(self.href);
    findings.follow.actorType = actor?.constructor?.name ?? null;
    findings.follow.actorId = actor?.id?.href ?? null;
    findings.follow.sharedInbox = actor?.endpoints?.sharedInbox?.href ?? null;
    const follow = new Follow({
      id: new URL(`${base}/follows/1`),
      actor: ctx.getActorUri("peer"),
      object: actor.id,
    });
    await ctx.sendActivity({ identifier: "peer" }, actor, follow, { immediate: true });
    findings.follow.sent = true;
    await acceptedPromise;
    console.log("FOLLOWED");
  } catch (error) {
    findings.errors.push(String(error?.stack ?? error));
    finish();
  }
});
