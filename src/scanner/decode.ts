/**
 * Bytes to text, shared by every source (files on disk, git blobs). Light on purpose (no glob or
 * ignore libraries), so the pre-commit path can use it without loading the file walker.
 *
 * UTF-8 (BOM stripped; invalid bytes become U+FFFD, one code unit each, so offsets stay sane),
 * UTF-16 LE/BE with a BOM, and UTF-16 without a BOM when every other byte is NUL. Anything else
 * with a NUL byte in its first 8 KB is binary.
 */

/** Extensions of formats that are binary (not scanned; listed as skipped). */
const BINARY_EXTENSIONS = new Set(
  (
    "png jpg jpeg gif bmp ico icns webp tif tiff psd ai heic avif svgz pdf doc xls ppt docx xlsx pptx odt " +
    "zip gz tgz bz2 xz zst 7z rar lz4 tar jar war ear aar apk ipa class dex exe dll so dylib o a lib obj " +
    "pdb bin dat wasm node woff woff2 ttf otf eot mp3 mp4 m4a m4v wav ogg oga flac aac avi mov mkv webm " +
    "pyc pyo whl egg sqlite sqlite3 db mdb iso img dmg msi msix deb rpm cab pfx p12 jks keystore der snk"
  ).split(" "),
);

/** Decode file bytes to text, or undefined when they look binary. */
export function decodeText(buf: Uint8Array): string | undefined {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return utf8(buf.subarray(3));
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return utf16le(buf.subarray(2));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return utf16be(buf.subarray(2));
  const head = buf.subarray(0, 8192);
  if (head.indexOf(0) === -1) return utf8(buf);
  // NUL bytes: UTF-16 without a BOM puts them in every other byte for ASCII text.
  let evenZeros = 0;
  let oddZeros = 0;
  const pairs = head.length >> 1;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  if (pairs >= 2 && oddZeros >= pairs * 0.4 && evenZeros <= pairs * 0.02) return utf16le(buf);
  if (pairs >= 2 && evenZeros >= pairs * 0.4 && oddZeros <= pairs * 0.02) return utf16be(buf);
  return undefined;
}

const utf8Decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
const utf8 = (b: Uint8Array): string => utf8Decoder.decode(b);
const utf16le = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.length - (b.length % 2)).toString("utf16le");
function utf16be(b: Uint8Array): string {
  const even = b.length - (b.length % 2);
  const swapped = Buffer.alloc(even);
  for (let i = 0; i < even; i += 2) {
    swapped[i] = b[i + 1]!;
    swapped[i + 1] = b[i]!;
  }
  return swapped.toString("utf16le");
}

export const isBinaryExtension = (file: string): boolean => {
  const base = file.slice(file.lastIndexOf("/") + 1).toLowerCase();
  const dot = base.lastIndexOf(".");
  return dot > 0 && BINARY_EXTENSIONS.has(base.slice(dot + 1));
};

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
