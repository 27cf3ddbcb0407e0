/** Crockford's base32 without I, L, O, U: codes read aloud or typed from a message survive. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Bytes an invitation code is made of: 10 bytes, 80 bits, 16 characters. */
export const INVITATION_CODE_BYTES = 10;

/**
 * An invitation code from random bytes (passed in): 16 base32 characters in four groups, "7K3Q-…".
 * 80 bits: guessing one among a million issued codes takes ~10^18 tries.
 */
export function invitationCodeOf(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{1,4}/g)!.join("-");
}

/** What a caller typed, as stored: upper case, without spaces. */
export function normalInvitationCode(input: string): string {
  return input.trim().toUpperCase().replace(/\s+/g, "");
}
