import { describe, expect, it } from 'vitest'
import { parseTargets, proofOfPlayCsvUrl, signageUploadMetadata, targetsText } from './signage'

describe('signage targets', () => {
  it('reads back what the pickers wrote, groups and tags included', () => {
    const text = targetsText({ grades: [3], classes: [7], displays: [12], tags: ['三楼', ' '], groups: [4] })
    expect(text).toBe('grade:3,class:7,display:12,tag:三楼,group:4')
    expect(parseTargets(text)).toEqual({ grades: [3], classes: [7], displays: [12], tags: ['三楼'], groups: [4] })
  })

  it('reads an old named group as a tag, as the server does', () => {
    expect(parseTargets('group:一楼').tags).toEqual(['一楼'])
  })
})

describe('signage uploads and proof of play', () => {
  it('sends a file with the signage purpose and the content it fills', () => {
    expect(signageUploadMetadata({ name: 'a.png', type: 'image/png' }, 42)).toEqual({ filename: 'a.png', filetype: 'image/png', purpose: 'signage', contentId: '42' })
  })

  it('downloads the CSV with the same filter, leaving out what is not chosen', () => {
    expect(proofOfPlayCsvUrl({ schoolId: 1, from: '2026-11-01', to: null, deviceId: 5 })).toBe('/api/v1/signage/proof-of-play.csv?schoolId=1&from=2026-11-01&deviceId=5')
  })
})
