/**
 * Makes the server's highlighted search snippet safe to render with v-html: the text stays, `<mark>` elements
 * stay (without attributes), every other element is unwrapped to its text, and script-like elements are
 * dropped with their content. Parsing happens in an inert <template>, so nothing runs or loads meanwhile.
 */
const DROPPED = new Set(['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH'])

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function render(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return escapeText(node.textContent ?? '')
  if (node.nodeType !== Node.ELEMENT_NODE) return ''
  const element = node as Element
  const tag = element.tagName.toUpperCase()
  if (DROPPED.has(tag)) return ''
  const inner = Array.from(element.childNodes).map(render).join('')
  return tag === 'MARK' ? `<mark>${inner}</mark>` : inner
}

export function sanitizeHighlight(html: string): string {
  const template = document.createElement('template')
  template.innerHTML = html
  return Array.from(template.content.childNodes).map(render).join('')
}
