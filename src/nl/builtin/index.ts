export { BuiltinProvider, type BuiltinOptions } from './provider.js';
