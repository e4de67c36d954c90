/** Notices are rich text written by admins; the display shows only harmless formatting of it. */
const ALLOWED = new Set(['P', 'BR', 'B', 'STRONG', 'I', 'EM', 'U', 'H1', 'H2', 'H3', 'H4', 'UL', 'OL', 'LI', 'SPAN', 'DIV', 'FONT', 'SMALL', 'BIG', 'CENTER'])
const ALLOWED_ATTRIBUTES = new Set(['style', 'color', 'size', 'align'])

export function sanitizeNotice(html: string): string {
  const doc = new DOMParser().parseFromString(`<div>${html}</div>`, 'text/html')
  const root = doc.body.firstElementChild
  if (!root) return ''
  clean(root)
  return root.innerHTML
}

function clean(element: Element): void {
  for (const child of [...element.children]) {
    if (!ALLOWED.has(child.tagName)) {
      if (['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED'].includes(child.tagName)) {
        child.remove()
        continue
      }
      child.replaceWith(...child.childNodes)
      clean(element)
      return
    }
    for (const attribute of [...child.attributes]) {
      const value = attribute.value.toLowerCase()
      if (!ALLOWED_ATTRIBUTES.has(attribute.name) || value.includes('url(') || value.includes('expression')) {
        child.removeAttribute(attribute.name)
      }
    }
    clean(child)
  }
}
