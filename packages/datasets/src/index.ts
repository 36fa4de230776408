export type { FashionMnistOptions, GrayImageSplit } from './fashion-mnist.js';
export {
  FASHION_MNIST_CLASSES,
  FASHION_MNIST_DEBIAN_DIR,
  FASHION_MNIST_ENV,
  hasFashionMnist,
  loadFashionMnist,
  resolveFashionMnistDir,
} from './fashion-mnist.js';
export type { IdxArray } from './idx.js';
export { encodeIdx, parseIdx } from './idx.js';
