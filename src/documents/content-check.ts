import { limits } from "../limits.ts";

/** The document types accepted, each with its magic-byte check. */
export const DOCUMENT_TYPES: Record<string, (b: Buffer) => boolean> = {
  "application/pdf": (b) => /^%PDF-[12]\.\d/.test(b.subarray(0, 8).toString("latin1")),
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  "image/png": (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
};
export const documentTypes = Object.keys(DOCUMENT_TYPES);
/** The whole check, for claims' documents and other personal papers (a dependant's guardianship document). */
export const documentContentOk = (contentType: string, bytes: Buffer): boolean =>
  (DOCUMENT_TYPES[contentType]?.(bytes) ?? false) && !carriesActiveContent(contentType, bytes);
/** The file name extension a document is served under (as an attachment, never rendered inline). */
export const documentExtension: Record<string, string> = {
  "application/pdf": "pdf",
  "image/jpeg": "jpg",
  "image/png": "png",
};

/**
 * Markup or script a browser or a PDF reader would run: a polyglot (`%PDF-1.7 <html><script>…`) passes
 * the magic-byte check and is still a web page to anything that sniffs it. No medical paper needs one.
 * Every file's head is searched (a browser sniffs at most limits.sniffHeaderBytes); a PDF, which is
 * text around its streams, is searched whole for script and actions. Image data is not searched past
 * its head: short markers would turn up by chance in megabytes of compressed pixels.
 */
const HTML_IN_HEAD = /<\s*(script|html|body|iframe|svg|object|embed|meta|!doctype)\b|javascript:/i;
const ACTIVE_IN_PDF = /<\s*(script|html|iframe|!doctype)\b|javascript:|\/(JavaScript|Launch)\b/i;
export function carriesActiveContent(contentType: string, b: Buffer): boolean {
  if (HTML_IN_HEAD.test(b.subarray(0, limits.sniffHeaderBytes).toString("latin1"))) return true;
  return contentType === "application/pdf" && ACTIVE_IN_PDF.test(b.toString("latin1"));
}
