/**
 * The shape of the code, kept by a machine (npm test runs this): imports run one way,
 * bin → main → cli → commands → core/format, format → core only, core → nothing above it,
 * and no cycles. `npx depcruise src` explains any violation.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-the-bottom',
      comment: 'src/core is pure logic and I/O of posts: it never imports commands, formats, the CLI or the terminal',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(?!core/)' },
    },
    {
      name: 'core-no-ui-packages',
      comment: 'core never loads the CLI framework, colours or prompts',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: 'node_modules/(commander|chalk|@inquirer)/' },
    },
    {
      name: 'format-takes-core-types-only',
      comment: 'formatters turn core results into text: they import core and other formatters, nothing else',
      severity: 'error',
      from: { path: '^src/format/' },
      to: { path: '^src/(?!core/|format/)' },
    },
    {
      name: 'commands-below-cli',
      comment: 'commands are called by the CLI, never the other way round',
      severity: 'error',
      from: { path: '^src/commands/' },
      to: { path: '^src/(cli|main)\\.ts$' },
    },
    {
      name: 'io-is-a-leaf',
      comment: 'io.ts describes the outside world; it imports nothing of ours',
      severity: 'error',
      from: { path: '^src/io\\.ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'cli-below-main',
      severity: 'error',
      from: { path: '^src/cli\\.ts$' },
      to: { path: '^src/main\\.ts$' },
    },
    {
      name: 'no-circular',
      comment: 'no import cycles, type-only ones included',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
