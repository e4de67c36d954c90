/** 8 MiB per read: the file is hashed piece by piece, never whole in memory (lessons can be several GB). */
const PIECE = 8 * 1024 * 1024

/**
 * The hex SHA-256 of a file, streamed through hash-wasm (WebCrypto's digest needs the whole file in memory).
 * `onProgress` gets the bytes hashed so far; `signal` stops early (the promise rejects with an AbortError).
 */
export async function sha256OfFile(file: Blob, onProgress?: (done: number) => void, signal?: AbortSignal): Promise<string> {
  const { createSHA256 } = await import('hash-wasm')
  const hasher = await createSHA256()
  hasher.init()
  for (let start = 0; start < file.size; start += PIECE) {
    if (signal?.aborted) throw new DOMException('hashing aborted', 'AbortError')
    const piece = new Uint8Array(await file.slice(start, start + PIECE).arrayBuffer())
    hasher.update(piece)
    onProgress?.(Math.min(file.size, start + PIECE))
  }
  return hasher.digest('hex')
}
