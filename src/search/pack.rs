//! Pack files: many small index parts (shards, documents) in one file, so an index of 10,000
//! pages is a few hundred files instead of tens of thousands, while the browser still fetches
//! only the parts a query needs, by HTTP range requests.
//!
//! A pack holds up to [`PACK`] parts. It starts with `n + 1` offsets (little-endian u32, from
//! the start of the file; the last one is the file's length), then the `n` parts, each a zlib
//! stream (RFC 1950) of its JSON, so a range of it is as small as a compressed response
//! (servers do not compress ranges); search.js inflates it. Part `i` of the index is part
//! `i % PACK` of pack `i / PACK`.

use flate2::write::ZlibEncoder;
use flate2::Compression;
use rayon::prelude::*;
use std::io::Write;

/// Parts per pack: the header is 260 bytes, fetched once per pack a search touches.
pub(crate) const PACK: usize = 64;

/// The zlib level of every part: 1 (zlib-rs's quick deflate: fixed Huffman codes, no code
/// tables made for each part). A part is a few hundred bytes to a few kilobytes, and each is a
/// stream of its own, so making its tables cost more than finding its matches: against level 2
/// (tables made, no lazy matching), on tmpfs, the index stage took 85 against 117 ms at
/// N = 1,000 and 842 against 1,090 ms at 10,000 (the whole build 2.66 against 2.98 s), for an
/// index 26 % larger (4.17 against 3.31 MB at N = 1,000; 40.4 against 31.7 MB at 10,000,
/// still smaller than Pagefind's 64 MB; 2.6 % more bytes for the whole site), some 300 bytes
/// more on a search's few parts. Against the default 6, level 2 had been 3.1 % larger and 2.9 %
/// fewer instructions for the whole build.
const LEVEL: u32 = 1;

/// The packs of `count` parts, part `i` being `make(i)`, each given to `then` with its number
/// as soon as it is made (a build writes it out there, and keeps only what `then` gives), and
/// the compressed size of each part (what a reader needs to find a part without reading its
/// pack's header first). The packs are made in parallel, each part compressed as soon as it
/// is made: only compressed parts are held (the documents of N = 10,000 are 82 MB of JSON).
/// A pack's parts share one compressor, reset between them: a compressor's tables are some
/// 450 KB, made and cleared, where a part is a few kilobytes ([`pack_of`]).
pub(crate) fn packs<R: Send>(
    count: usize,
    make: impl Fn(usize) -> Vec<u8> + Sync,
    then: impl Fn(usize, Vec<u8>) -> R + Sync,
) -> (Vec<R>, Vec<usize>) {
    let packed: Vec<(R, Vec<usize>)> = (0..count.div_ceil(PACK))
        .into_par_iter()
        .with_max_len(1)
        .map(|n| {
            let (bytes, sizes) = pack_of(parts_of(n, count), &make);
            (then(n, bytes), sizes)
        })
        .collect();
    let sizes = packed.iter().flat_map(|(_, s)| s.iter().copied()).collect();
    (packed.into_iter().map(|(made, _)| made).collect(), sizes)
}

/// The parts of pack `n` of `count` parts.
pub(crate) fn parts_of(n: usize, count: usize) -> std::ops::Range<usize> {
    n * PACK..count.min(n * PACK + PACK)
}

/// The pack of the parts `parts`, part `i` being `make(i)`, and the compressed size of each
/// part. A pack's parts share one compressor, reset between them.
pub(crate) fn pack_of(parts: std::ops::Range<usize>, make: impl Fn(usize) -> Vec<u8>) -> (Vec<u8>, Vec<usize>) {
    let mut z = ZlibEncoder::new(Vec::new(), Compression::new(LEVEL));
    pack(parts.map(|i| compress(&mut z, &make(i))).collect())
}

/// One pack of compressed parts: the offsets, then the parts.
fn pack(compressed: Vec<Vec<u8>>) -> (Vec<u8>, Vec<usize>) {
    let header = 4 * (compressed.len() + 1);
    let total = header + compressed.iter().map(Vec::len).sum::<usize>();
    let mut out = Vec::with_capacity(total);
    let mut at = header;
    for c in std::iter::once(&Vec::new()).chain(&compressed) {
        at += c.len();
        // An index part is at most a few hundred kilobytes and a pack a few megabytes: offsets
        // fit u32 with room to spare (a pack over 4 GB is not something a site can have).
        out.extend_from_slice(&u32::try_from(at).unwrap_or(u32::MAX).to_le_bytes());
    }
    for c in &compressed {
        out.extend_from_slice(c);
    }
    (out, compressed.iter().map(Vec::len).collect())
}

/// `bytes` as one zlib stream, made by `z`, which is left reset for the next.
fn compress(z: &mut ZlibEncoder<Vec<u8>>, bytes: &[u8]) -> Vec<u8> {
    // Writing into a Vec cannot fail.
    let _ = z.write_all(bytes);
    z.reset(Vec::new()).unwrap_or_default()
}

/// Part `i` of a pack, decompressed: the reading side, for the shards a build takes from the
/// last build's index (`index::update`), tests and tools; `None` if the pack has no such part
/// or it is damaged.
pub fn part(pack: &[u8], i: usize) -> Option<Vec<u8>> {
    let offset = |k: usize| -> Option<usize> {
        let b = pack.get(4 * k..4 * k + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    if i + 1 >= offset(0)? / 4 {
        return None;
    }
    let (from, to) = (offset(i)?, offset(i + 1)?);
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(pack.get(from..to)?), &mut out).ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Every part comes back as it went in, from the pack it is in, by the header's offsets
    // and by the sizes listed for the reader; a part past the end is none.
    #[test]
    fn parts_round_trip_through_packs() {
        let parts: Vec<Vec<u8>> =
            (0..150).map(|i| format!("{{\"n\":{i},\"t\":\"{}\"}}", "防災".repeat(i)).into_bytes()).collect();
        let (packs, sizes) = packs(parts.len(), |i| parts[i].clone(), |n, bytes| (n, bytes));
        assert_eq!(packs.len(), 3);
        assert_eq!(sizes.len(), 150);
        for (i, p) in parts.iter().enumerate() {
            let (n, bytes) = &packs[i / PACK];
            assert_eq!(*n, i / PACK);
            assert_eq!(part(bytes, i % PACK).as_ref(), Some(p), "part {i}");
            let first = i - i % PACK;
            let header = 4 * (parts[first..].len().min(PACK) + 1);
            let start = header + sizes[first..i].iter().sum::<usize>();
            assert_eq!(&bytes[4 * (i % PACK)..4 * (i % PACK) + 4], &(start as u32).to_le_bytes(), "offset of {i}");
        }
        assert_eq!(part(&packs[2].1, 22), None);
        assert!(part(&packs[2].1, 21).is_some());
        assert_eq!(part(b"", 0), None);
        assert_eq!(part(&[0, 0, 0, 0], 0), None);
    }
}
