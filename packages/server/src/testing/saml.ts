import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SignedXml } from 'xml-crypto';

const fixtures = path.join(import.meta.dirname, 'fixtures', 'saml');
/**
 * A test identity provider's key and certificate (self-signed, made with openssl for these tests
 * only: never a real provider's), and another pair to sign with where a signature must not hold.
 */
export const TEST_IDP = {
  key: readFileSync(path.join(fixtures, 'idp.key'), 'utf8'),
  cert: readFileSync(path.join(fixtures, 'idp.crt'), 'utf8'),
};
export const OTHER_KEY = {
  key: readFileSync(path.join(fixtures, 'other.key'), 'utf8'),
  cert: readFileSync(path.join(fixtures, 'other.crt'), 'utf8'),
};

export interface AssertionFields {
  issuer: string;
  /** The SP's entity id, as the audience restriction. */
  audience: string;
  /** The ACS URL, as the subject confirmation's recipient and the response's destination. */
  recipient: string;
  nameId: string;
  attributes?: Record<string, string | string[]>;
  /** When it was issued; the window is 5 minutes from it. */
  issuedAt?: Date;
  inResponseTo?: string;
  /** A fixed assertion id, to send the same assertion twice. */
  assertionId?: string;
  /** Signs with this key instead of the test provider's. */
  signWith?: { key: string; cert: string };
  /** Leaves the assertion unsigned. */
  unsigned?: boolean;
}

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/**
 * A SAML 2.0 Response as an AD FS-style provider posts it, its assertion signed (RSA-SHA256,
 * exclusive canonicalisation), base64 as the SAMLResponse form field.
 */
export function samlResponse(fields: AssertionFields): string {
  const issued = fields.issuedAt ?? new Date();
  const iso = (d: Date) => d.toISOString();
  const notBefore = new Date(issued.getTime() - 60_000);
  const notAfter = new Date(issued.getTime() + 5 * 60_000);
  const assertionId = fields.assertionId ?? `_a${randomBytes(16).toString('hex')}`;
  const inResponse = fields.inResponseTo ? ` InResponseTo="${esc(fields.inResponseTo)}"` : '';
  const attributes = Object.entries(fields.attributes ?? {})
    .map(
      ([name, value]) =>
        `<saml:Attribute Name="${esc(name)}">${(Array.isArray(value) ? value : [value])
          .map((v) => `<saml:AttributeValue>${esc(v)}</saml:AttributeValue>`)
          .join('')}</saml:Attribute>`,
    )
    .join('');
  const assertion = `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${assertionId}" Version="2.0" IssueInstant="${iso(issued)}"><saml:Issuer>${esc(fields.issuer)}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${esc(fields.nameId)}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${iso(notAfter)}" Recipient="${esc(fields.recipient)}"${inResponse}/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="${iso(notBefore)}" NotOnOrAfter="${iso(notAfter)}"><saml:AudienceRestriction><saml:Audience>${esc(fields.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="${iso(issued)}" SessionIndex="${assertionId}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>${attributes}</saml:AttributeStatement></saml:Assertion>`;
  const response = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${randomBytes(16).toString('hex')}" Version="2.0" IssueInstant="${iso(issued)}" Destination="${esc(fields.recipient)}"${inResponse}><saml:Issuer>${esc(fields.issuer)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>${assertion}</samlp:Response>`;
  if (fields.unsigned) return Buffer.from(response).toString('base64');
  const signer = fields.signWith ?? TEST_IDP;
  const sig = new SignedXml({
    privateKey: signer.key,
    publicCert: signer.cert,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  sig.addReference({
    xpath: "//*[local-name(.)='Assertion']",
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
  });
  sig.computeSignature(response, {
    location: { reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' },
  });
  return Buffer.from(sig.getSignedXml()).toString('base64');
}
