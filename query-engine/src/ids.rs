//! Client-side generated ids for `@default(uuid())`, `cuid()`, `nanoid()` and `ulid()`
//! (<https://www.prisma.io/docs/orm/reference/prisma-schema-reference#default>).
//!
//! Randomness comes from the operating system (`getrandom`). Should it fail, a time- and
//! counter-based fallback keeps ids unique within the process; generation never panics.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Fills `buf` with random bytes (OS randomness; a mixed counter if the OS refuses).
fn random_bytes(buf: &mut [u8]) {
    if getrandom::fill(buf).is_err() {
        let mut state =
            now_millis() ^ COUNTER.fetch_add(1, Ordering::Relaxed).rotate_left(32) ^ 0x9E37_79B9_7F4A_7C15;
        for b in buf.iter_mut() {
            // splitmix64 step
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            *b = (z ^ (z >> 31)) as u8;
        }
    }
}

/// A random (version 4) UUID, hyphenated lowercase: 36 characters.
pub fn uuid_v4() -> String {
    let mut bytes = [0u8; 16];
    random_bytes(&mut bytes);
    uuid::Builder::from_random_bytes(bytes).into_uuid().hyphenated().to_string()
}

/// A time-ordered (version 7) UUID, hyphenated lowercase: 36 characters.
pub fn uuid_v7() -> String {
    let mut bytes = [0u8; 10];
    random_bytes(&mut bytes);
    uuid::Builder::from_unix_timestamp_millis(now_millis(), &bytes).into_uuid().hyphenated().to_string()
}

const BASE36: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

fn base36(mut n: u64, width: usize, out: &mut String) {
    let mut digits = [b'0'; 16];
    for d in digits.iter_mut().rev() {
        *d = BASE36[(n % 36) as usize];
        n /= 36;
    }
    let start = digits.len().saturating_sub(width);
    out.extend(digits[start..].iter().map(|&b| char::from(b)));
}

/// A cuid (version 1 layout): `c`, 8 base-36 digits of milliseconds, a 4-digit counter, a
/// 4-digit process fingerprint and 8 random digits: 25 lowercase characters, roughly sortable by
/// creation time (<https://github.com/paralleldrive/cuid>).
pub fn cuid() -> String {
    let mut out = String::with_capacity(25);
    out.push('c');
    base36(now_millis(), 8, &mut out);
    base36(COUNTER.fetch_add(1, Ordering::Relaxed) % 1_679_616, 4, &mut out);
    base36(u64::from(std::process::id()) % 1_679_616, 4, &mut out);
    let mut bytes = [0u8; 8];
    random_bytes(&mut bytes);
    base36(u64::from_le_bytes(bytes) % 2_821_109_907_456, 8, &mut out); // 36^8
    out
}

/// A nanoid of `len` characters over `A-Za-z0-9_-` (64 symbols, 6 random bits each;
/// <https://github.com/ai/nanoid>). `len` 0 means the default, 21.
pub fn nanoid(len: u8) -> String {
    const ALPHABET: &[u8; 64] = b"useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict";
    let len = if len == 0 { 21 } else { usize::from(len) };
    let mut bytes = vec![0u8; len];
    random_bytes(&mut bytes);
    bytes.iter().map(|b| char::from(ALPHABET[usize::from(b & 63)])).collect()
}

/// A ULID: 48-bit millisecond timestamp and 80 random bits in Crockford base 32, 26 uppercase
/// characters, sortable by creation time (<https://github.com/ulid/spec>).
pub fn ulid() -> String {
    const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut random = [0u8; 10];
    random_bytes(&mut random);
    let mut value: u128 = u128::from(now_millis() & 0xFFFF_FFFF_FFFF) << 80;
    for (i, b) in random.iter().enumerate() {
        value |= u128::from(*b) << (8 * (9 - i));
    }
    (0..26).rev().map(|i| char::from(CROCKFORD[((value >> (5 * i)) & 31) as usize])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(uuid_v4().len(), 36);
        assert_eq!(uuid_v4().as_bytes()[14], b'4');
        assert_eq!(uuid_v7().as_bytes()[14], b'7');
        let c = cuid();
        assert_eq!(c.len(), 25);
        assert!(c.starts_with('c'));
        assert_eq!(nanoid(0).len(), 21);
        assert_eq!(nanoid(10).len(), 10);
        let u = ulid();
        assert_eq!(u.len(), 26);
        assert!(u.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()));
        assert_ne!(cuid(), cuid());
        assert_ne!(ulid(), ulid());
    }
}
