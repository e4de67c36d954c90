import { describe, expect, it } from 'vitest'
import { ATTACHMENT_PURPOSE, attachmentMetadata, fileSize } from './attachments'

describe('attachments', () => {
  it('are uploaded with the home-school purpose and the file type', () => {
    expect(attachmentMetadata({ name: '作业.jpg', type: 'image/jpeg' })).toEqual({
      filename: '作业.jpg',
      filetype: 'image/jpeg',
      purpose: ATTACHMENT_PURPOSE,
    })
    expect(attachmentMetadata({ name: 'voice', type: '' }).filetype).toBe('application/octet-stream')
  })

  it('show their size the way people read it', () => {
    expect(fileSize(532)).toBe('532 B')
    expect(fileSize(12_700)).toBe('12.4 KB')
    expect(fileSize(3_250_000)).toBe('3.1 MB')
  })
})
