import { describe, expect, it } from 'vitest'

describe('build', () => {
  it('runs in jsdom', () => {
    expect(typeof document).toBe('object')
  })
})
