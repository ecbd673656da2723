/**
 * A local RFC 3161 timestamping service for tests: a CA and TSA certificates made with openssl in a temporary folder,
 * and an HTTP server on 127.0.0.1 that answers POST application/timestamp-query by handing the request to
 * `openssl ts -reply` and sending back what it writes. Paths choose the TSA's configuration:
 *   /rsa   RSA key, ESSCertIDv2 (SHA-256)          /ec      EC P-256 key, ESSCertIDv2
 *   /sha1  RSA key, ESSCertID (SHA-1)               /refuse  accepts only SHA-512 imprints: refuses ours (badAlg)
 *   /huge  answers 2 MiB of zeros                   /slow    never answers
 * Every request is kept (path, content type, body), so tests can check exactly what was sent.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TsaRequest {
  path: string;
  contentType: string | undefined;
  body: Buffer;
}

export interface LocalTsa {
  /** The service's base URL, e.g. http://127.0.0.1:PORT; add a path above. */
  origin: string;
  url(section?: 'rsa' | 'ec' | 'sha1' | 'refuse' | 'huge' | 'slow'): string;
  requests: TsaRequest[];
  /** The TSA certificates' subjects, as verifyToken reports them. */
  subjects: { rsa: string; ec: string };
  /** A certificate (DER) and its RSA key (PKCS #8 DER): tsa-rsa (valid), tsa-noncritical, tsa-noeku. */
  keyPair(name: 'tsa-rsa' | 'tsa-noncritical' | 'tsa-noeku'): { certificate: Uint8Array; key: Uint8Array };
  close(): Promise<void>;
}

const SECTIONS = ['rsa', 'ec', 'sha1', 'refuse'];

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** The CA and two TSA certificates (RSA and EC), each with extendedKeyUsage = critical, timeStamping. */
function makeCertificates(dir: string): void {
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '30', '-subj', '/CN=Palimpsest Test CA',
    '-addext', 'basicConstraints=critical,CA:true', '-addext', 'keyUsage=critical,keyCertSign']);
  writeFileSync(path.join(dir, 'tsa-ext.cnf'),
    'basicConstraints=CA:false\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\nsubjectKeyIdentifier=hash\n');
  const sign = (name: string, key: string[], subject: string) => {
    openssl(dir, ['req', '-newkey', ...key, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject]);
    openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`,
      '-days', '30', '-extfile', 'tsa-ext.cnf']);
  };
  sign('tsa-rsa', ['rsa:2048'], '/C=DE/O=Palimpsest tests/CN=Test TSA (RSA)');
  // Certificates openssl ts refuses to sign with, for tokens the tests forge (tests/helpers/forge-token.ts).
  writeFileSync(path.join(dir, 'tsa-ext.cnf'), 'basicConstraints=CA:false\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=timeStamping\n');
  sign('tsa-noncritical', ['rsa:2048'], '/CN=EKU not critical');
  writeFileSync(path.join(dir, 'tsa-ext.cnf'), 'basicConstraints=CA:false\nkeyUsage=critical,digitalSignature\n');
  sign('tsa-noeku', ['rsa:2048'], '/CN=No EKU');
  writeFileSync(path.join(dir, 'tsa-ext.cnf'),
    'basicConstraints=CA:false\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\nsubjectKeyIdentifier=hash\n');
  sign('tsa-ec', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], '/C=DE/O=Palimpsest tests/CN=Test TSA (EC)');
  const section = (name: string, key: string, essAlg: string, digests: string) => `[ ${name} ]
dir = ${dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/${key}.crt
certs = $dir/ca.crt
signer_key = $dir/${key}.key
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.5
digests = ${digests}
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = ${essAlg}
`;
  writeFileSync(path.join(dir, 'tsa.cnf'), [
    '[ tsa ]\ndefault_tsa = rsa\n',
    section('rsa', 'tsa-rsa', 'sha256', 'sha256, sha384, sha512'),
    section('ec', 'tsa-ec', 'sha256', 'sha256, sha384, sha512'),
    section('sha1', 'tsa-rsa', 'sha1', 'sha256, sha384, sha512'),
    section('refuse', 'tsa-rsa', 'sha256', 'sha512'),
  ].join('\n'));
  writeFileSync(path.join(dir, 'serial'), '01\n');
}

let queries = 0;

/** openssl ts -reply for one query; the query goes through a file, as openssl cannot fopen a socket's /dev/stdin. */
function reply(dir: string, section: string, query: Buffer): Promise<Buffer> {
  const file = path.join(dir, `query-${++queries}.tsq`);
  writeFileSync(file, query);
  return new Promise((resolve, reject) => {
    const child = spawn('openssl', ['ts', '-reply', '-config', path.join(dir, 'tsa.cnf'), '-section', section, '-queryfile', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(Buffer.concat(err).toString()))));
  });
}

/** The DER inside a PEM file (its first block). */
function pemBody(file: string): Uint8Array {
  const base64 = readFileSync(file, 'utf8').split(/-----[A-Z ]+-----/)[1]!.replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

export async function startTsa(): Promise<LocalTsa> {
  const dir = mkdtempSync(path.join(tmpdir(), 'palimpsest-tsa-'));
  makeCertificates(dir);
  const requests: TsaRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const where = new URL(request.url ?? '/', 'http://127.0.0.1').pathname.slice(1);
      const body = Buffer.concat(chunks);
      requests.push({ path: `/${where}`, contentType: request.headers['content-type'], body });
      if (request.method !== 'POST') return void response.writeHead(405).end();
      if (where === 'slow') return void hanging.add(response);
      if (where === 'huge') return void response.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(Buffer.alloc(2 << 20));
      if (!SECTIONS.includes(where) || request.headers['content-type'] !== 'application/timestamp-query') {
        return void response.writeHead(400).end();
      }
      reply(dir, where, body).then(
        (der) => response.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(der),
        (error: Error) => response.writeHead(500, { 'Content-Type': 'text/plain' }).end(error.message),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (section = 'rsa') => `${origin}/${section}`,
    requests,
    subjects: { rsa: 'C = DE, O = Palimpsest tests, CN = Test TSA (RSA)', ec: 'C = DE, O = Palimpsest tests, CN = Test TSA (EC)' },
    keyPair: (name) => ({ certificate: pemBody(path.join(dir, `${name}.crt`)), key: pemBody(path.join(dir, `${name}.key`)) }),
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A copy of an extension build whose manifest grants `pattern` (e.g. http://127.0.0.1/*) at install: a headless
 * browser cannot answer the permission prompt a reader sees, and both browsers resolve a request for an origin already
 * granted at once, without one. The extension's code is the build's, byte for byte.
 */
export function buildGranting(build: string, pattern: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'palimpsest-granted-build-'));
  cpSync(build, dir, { recursive: true });
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), pattern];
  writeFileSync(file, JSON.stringify(manifest));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
