import type { Dataset, Locale } from '@convenio/contracts';

/** The title in the reader's language: English when the UI is English and the owner gave one. */
export function datasetTitle(dataset: Pick<Dataset, 'title' | 'titleEn'>, locale: Locale): string {
  return locale === 'en' && dataset.titleEn ? dataset.titleEn : dataset.title;
}

export function datasetDescription(dataset: Pick<Dataset, 'description' | 'descriptionEn'>, locale: Locale): string {
  return locale === 'en' && dataset.descriptionEn ? dataset.descriptionEn : dataset.description;
}
