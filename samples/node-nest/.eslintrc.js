// Linting is a development step: this file stays out of the image.
module.exports = {
  parser: '@typescript-eslint/parser',
  parserOptions: { project: 'tsconfig.json', tsconfigRootDir: __dirname, sourceType: 'module' },
  root: true,
  env: { node: true, jest: true },
  ignorePatterns: ['.eslintrc.js'],
};
