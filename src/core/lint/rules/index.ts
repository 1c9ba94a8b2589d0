import type { Rule } from '../types.js';
import { dateFilenameMismatch } from './date-filename-mismatch.js';
import { dateFormat } from './date-format.js';
import { dateInFuture } from './date-in-future.js';
import { dateInvalid } from './date-invalid.js';
import { draftIgnored } from './draft-ignored.js';
import { duplicateSlug } from './duplicate-slug.js';
import { duplicateTitle } from './duplicate-title.js';
import { frontMatterMapping } from './front-matter-mapping.js';
import { frontMatterUnreadable } from './front-matter-unreadable.js';
import { noDuplicateKeys } from './no-duplicate-keys.js';
import { requiredFields } from './required-fields.js';
import { tagAllowed } from './tag-allowed.js';
import { tagCaseVariant } from './tag-case-variant.js';
import { tagComma } from './tag-comma.js';
import { tagDuplicate } from './tag-duplicate.js';
import { tagString } from './tag-string.js';
import { taxonomyShape } from './taxonomy-shape.js';
import { unknownKey } from './unknown-key.js';
import { yamlTag } from './yaml-tag.js';

/** Every rule, in the order findings are listed for a line. Ids are stable: they appear in configs and JSON. */
export const RULES: readonly Rule[] = [
  frontMatterUnreadable,
  noDuplicateKeys,
  frontMatterMapping,
  yamlTag,
  requiredFields,
  dateInvalid,
  dateFormat,
  dateInFuture,
  dateFilenameMismatch,
  taxonomyShape,
  tagComma,
  tagString,
  tagDuplicate,
  tagCaseVariant,
  tagAllowed,
  draftIgnored,
  duplicateSlug,
  duplicateTitle,
  unknownKey,
];
