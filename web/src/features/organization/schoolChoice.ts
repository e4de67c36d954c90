import { computed, ref, watch, type Ref } from 'vue'
import { fetchSchools, fetchStructure } from '@/api/organization'
import type { School, SchoolStructure } from '@/api/types'
import { useSessionStore } from '@/stores/session'

/** The school a page works on, shared by the organization pages so the choice survives switching pages. */
const chosenSchoolId = ref<number | null>(null)

/**
 * The schools within reach (district staff see many, school staff their own) and the chosen one.
 * School staff start on their own school; district staff on the first school of the list.
 */
export function useSchoolChoice() {
  const session = useSessionStore()
  const schools = ref<School[]>([])
  const loading = ref(false)

  async function loadSchools(): Promise<void> {
    loading.value = true
    try {
      schools.value = await fetchSchools()
      const known = schools.value.some((s) => s.id === chosenSchoolId.value)
      if (!known) {
        const own = schools.value.find((s) => s.id === session.me?.schoolId)
        chosenSchoolId.value = (own ?? schools.value[0])?.id ?? null
      }
    } finally {
      loading.value = false
    }
  }

  const school = computed(() => schools.value.find((s) => s.id === chosenSchoolId.value) ?? null)

  return { schools, schoolId: chosenSchoolId, school, loading, loadSchools }
}

/** The grades, classes, terms and buildings of the chosen school, reloaded when the school changes. */
export function useStructure(schoolId: Ref<number | null>) {
  const structure = ref<SchoolStructure | null>(null)
  const loading = ref(false)

  async function reload(): Promise<void> {
    const id = schoolId.value
    if (id === null) {
      structure.value = null
      return
    }
    loading.value = true
    try {
      const loaded = await fetchStructure(id)
      if (schoolId.value === id) structure.value = loaded
    } finally {
      loading.value = false
    }
  }

  watch(schoolId, () => void reload(), { immediate: true })
  return { structure, loading, reload }
}
