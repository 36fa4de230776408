export type {
  ColorJitterOptions,
  ColorJitterParams,
  JitterOp,
} from './color-jitter.js';
export { applyJitter, colorJitter, colorJitterSpecs } from './color-jitter.js';
export type { DecodeOptions } from './decode.js';
export { DEFAULT_MAX_PIXELS, decodeImage, decodeRawGray, encodePng } from './decode.js';
export type { GaussianBlurOptions, GaussianBlurParams } from './gaussian-blur.js';
export { blur, blurKernelSize, gaussianBlur, gaussianBlurSpecs } from './gaussian-blur.js';
export { toGray } from './gray.js';
export type { HorizontalFlipOptions, HorizontalFlipParams } from './horizontal-flip.js';
export { flipHorizontal, horizontalFlip, horizontalFlipSpecs } from './horizontal-flip.js';
export type { NormalizeOptions } from './normalize.js';
export { normalize, normalizeImage, normalizeSpecs } from './normalize.js';
export type { RandomGrayscaleOptions, RandomGrayscaleParams } from './random-grayscale.js';
export { randomGrayscale, randomGrayscaleSpecs } from './random-grayscale.js';
export type {
  RandomResizedCropOptions,
  RandomResizedCropParams,
} from './random-resized-crop.js';
export { randomResizedCrop, randomResizedCropSpecs } from './random-resized-crop.js';
export type { Channels, RawImage } from './raw-image.js';
export { assertImage, createImage, fromUint8, toTensorData, toUint8 } from './raw-image.js';
export { defaultFashionMnistRecipe } from './recipes.js';
export { buildImagePipeline, imageRegistry } from './registry.js';
export type { Box } from './resample.js';
export { resampleBox, resizeImage } from './resample.js';
export type { RotationOptions, RotationParams } from './rotation.js';
export { rotate, rotation, rotationSpecs } from './rotation.js';
