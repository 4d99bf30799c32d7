/**
 * What a repository path is, judged by its name alone: tests, docs,
 * dependency manifests, configuration. Paths are repository-relative POSIX.
 */

const TEST_DIR = /(^|\/)(test|tests|__tests__|__mocks__|spec|specs|testdata|testing|e2e)\//i;
const TEST_FILE = /(_test\.go|\.(test|spec)\.[cm]?[jt]sx?|(^|\/)test_[^/]*\.py|_test\.py|(^|\/)conftest\.py|(^|\/)[A-Z][\w$]*(Test|Tests|IT|Spec)\.java)$/;

/** Test code: _test.go, *.test.ts, test_*.py, src/test/java, __tests__/ … */
export function isTestPath(path: string): boolean {
  return TEST_FILE.test(path) || TEST_DIR.test(path) || /(^|\/)src\/test\//.test(path);
}

const DOC_EXT = /\.(md|markdown|mdx|rst|adoc|asciidoc|txt)$/i;
const DOC_NAME = /(^|\/)(README|CHANGELOG|CHANGES|HISTORY|LICENSE|LICENCE|CONTRIBUTING|AUTHORS|NOTICE|CODEOWNERS|SECURITY)([.-][^/]*)?$/i;

/** Documentation: md/rst/txt files, docs/ folders, README/CHANGELOG/LICENSE. */
export function isDocsPath(path: string): boolean {
  if (isDependencyPath(path)) return false;
  return DOC_EXT.test(path) || DOC_NAME.test(path) || /(^|\/)docs?\//i.test(path);
}

const DEP_FILE = /(^|\/)(go\.mod|go\.sum|go\.work|package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|requirements[^/]*\.(txt|in)|constraints[^/]*\.txt|Pipfile|Pipfile\.lock|pyproject\.toml|poetry\.lock|uv\.lock|setup\.py|setup\.cfg|pom\.xml|build\.gradle(\.kts)?|gradle\.lockfile|libs\.versions\.toml|Gemfile|Gemfile\.lock|Cargo\.toml|Cargo\.lock)$/;

/** Dependency manifests and lock files of Go, npm, Python, Maven/Gradle (and a few others). */
export function isDependencyPath(path: string): boolean {
  return DEP_FILE.test(path);
}

/** Lock files list nothing but resolved dependency versions. */
export function isLockPath(path: string): boolean {
  return /(^|\/)(go\.sum|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|Pipfile\.lock|poetry\.lock|uv\.lock|gradle\.lockfile|Gemfile\.lock|Cargo\.lock)$/.test(path);
}

const CONFIG_EXT = /\.(ya?ml|json|json5|toml|ini|cfg|conf|properties|env|hcl|tfvars|xml)$/i;
const CONFIG_NAME = /(^|\/)(\.env(\.[^/]*)?|Dockerfile[^/]*|docker-compose[^/]*|Procfile|\.?[\w-]*rc)$/;

/** Configuration files: yaml/json/toml/ini/properties/env/xml, .env*, Dockerfile. Not dependency manifests. */
export function isConfigPath(path: string): boolean {
  if (isDependencyPath(path)) return false;
  return CONFIG_EXT.test(path) || CONFIG_NAME.test(path);
}

/** Source files that hold configuration by name: config.go, settings.py, config/*.ts … */
export function isConfigCodePath(path: string): boolean {
  return /(^|\/)(config|configs|configuration|settings|conf)(\/|[._-][^/]*\.\w+$|\.\w+$)/i.test(path);
}
