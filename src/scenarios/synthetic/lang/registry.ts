import type { LangId, LangModule } from '../types';
import { DIALECTS } from './dialects';
import { goTemplate } from './goFiles';
import { goBigFeature, goCulprits, goDecoys } from './goRecipes';
import { javaTemplate } from './javaFiles';
import { javaBigFeature, javaCulprits, javaDecoys } from './javaRecipes';
import { pyTemplate } from './pyFiles';
import { pyBigFeature, pyCulprits, pyDecoys } from './pyRecipes';
import { tsTemplate } from './tsFiles';
import { tsBigFeature, tsCulprits, tsDecoys } from './tsRecipes';

export const LANG_MODULES: Record<LangId, LangModule> = {
  go: { id: 'go', dialect: DIALECTS.go, template: goTemplate, culprits: goCulprits, decoys: goDecoys, bigFeature: goBigFeature },
  typescript: { id: 'typescript', dialect: DIALECTS.typescript, template: tsTemplate, culprits: tsCulprits, decoys: tsDecoys, bigFeature: tsBigFeature },
  python: { id: 'python', dialect: DIALECTS.python, template: pyTemplate, culprits: pyCulprits, decoys: pyDecoys, bigFeature: pyBigFeature },
  java: { id: 'java', dialect: DIALECTS.java, template: javaTemplate, culprits: javaCulprits, decoys: javaDecoys, bigFeature: javaBigFeature },
};
