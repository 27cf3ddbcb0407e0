import { constants, inflateSync } from "node:zlib";

/**
 * Whether a PDF carries script or actions a reader would run, however it is spelled. A raw search for
 * `/JavaScript` misses the same name written with hex escapes (`/J#61vaScript`, which every reader
 * decodes) and dictionaries inside compressed object streams (PDF 1.5 `/ObjStm`, Flate-compressed): so
 * names are decoded, and every Flate stream is inflated (to a bounded size) and searched too. Filters that
 * only re-encode text (ASCIIHex, ASCII85, LZW, RunLength) could hide a dictionary from that search and
 * an encrypted file hides its streams: neither is needed for a scan, so both count as active.
 */
const ACTIVE = /<\s*(script|html|iframe|!doctype)\b|javascript:|\/(JavaScript|JS|Launch|XFA|Encrypt)\b/i;
const TEXT_FILTERS = /\/(ASCIIHexDecode|AHx|ASCII85Decode|A85|LZWDecode|LZW|RunLengthDecode|RL)\b/;
const NAME_ESCAPE = /#([0-9a-fA-F]{2})/g;
const STREAM = /stream\r?\n/g;

const decodeNames = (text: string): string =>
  text.replace(NAME_ESCAPE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

const activeText = (text: string): boolean => {
  const decoded = decodeNames(text);
  return ACTIVE.test(decoded) || TEXT_FILTERS.test(decoded);
};

/** `inflatedBytesMax` bounds what all streams together may inflate to (a decompression bomb is active). */
export function pdfCarriesActiveContent(bytes: Buffer, inflatedBytesMax: number): boolean {
  const text = bytes.toString("latin1");
  if (activeText(text)) return true;
  let budget = inflatedBytesMax;
  for (const m of text.matchAll(STREAM)) {
    const start = m.index + m[0].length;
    const end = text.indexOf("endstream", start);
    const data = bytes.subarray(start, end < 0 ? bytes.length : end);
    if (data[0] !== 0x78) continue; // not a zlib stream (an image's DCT or JPX data): nothing to inflate
    let inflated: Buffer;
    try {
      inflated = inflateSync(data, {
        maxOutputLength: Math.max(1, budget),
        finishFlush: constants.Z_SYNC_FLUSH,
      });
    } catch (e) {
      if (e instanceof RangeError) return true; // past the budget: a decompression bomb
      continue; // not Flate after all
    }
    budget -= inflated.length;
    if (activeText(inflated.toString("latin1"))) return true;
  }
  return false;
}
