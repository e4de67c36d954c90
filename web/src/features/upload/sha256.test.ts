import { describe, expect, it } from 'vitest'
import { sha256OfFile } from './sha256'

describe('file sha256', () => {
  it('matches the known digest of a small file', async () => {
    expect(await sha256OfFile(new Blob(['abc']))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  it('hashes across pieces and reports progress', async () => {
    const size = 8 * 1024 * 1024 + 10
    const seen: number[] = []
    const streamed = await sha256OfFile(new Blob([new Uint8Array(size)]), (done) => seen.push(done))
    const whole = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(size))))
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('')
    expect(streamed).toBe(whole)
    expect(seen).toEqual([8 * 1024 * 1024, size])
  })
})
