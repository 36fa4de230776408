export type { AffineParams, RandomAffineOptions } from './affine.js';
export { affineImage, randomAffine, randomAffineSpecs } from './affine.js';
export type { AugmentOp, OpMeta, OpRecord } from './augment-ops.js';
export { applyAugmentOp, randAugmentSpace, trivialAugmentSpace } from './augment-ops.js';
export type { AutoContrastOptions } from './auto-contrast.js';
export { autoContrast, autoContrastImage, autoContrastSpecs } from './auto-contrast.js';
export type { CaptionedSheetOptions } from './captioned-sheet.js';
export {
  captionColumns,
  captionedContactSheet,
  escapeXml,
  layoutCaption,
} from './captioned-sheet.js';
export type { LossyFormat } from './codec.js';
export { CODEC_TIMEOUT_MS, recompress } from './codec.js';
export type { ColorJitterOptions, ColorJitterParams, JitterOp } from './color-jitter.js';
export { applyJitter, colorJitter, colorJitterSpecs } from './color-jitter.js';
export type { CompressionOptions, CompressionParams } from './compression.js';
export { compressionSpecs, jpegCompression, webpCompression } from './compression.js';
export type { ContactSheetOptions } from './contact-sheet.js';
export { contactSheet } from './contact-sheet.js';
export type { CenterCropOptions, RandomCropOptions, RandomCropParams } from './crop.js';
export { centerCrop, centerCropSpecs, cropImage, randomCrop, randomCropSpecs } from './crop.js';
export type { DecodeOptions } from './decode.js';
export {
  DEFAULT_MAX_PIXELS,
  decodeImage,
  decodeRawGray,
  encodePng,
  readImagePixels,
} from './decode.js';
export type { EmojiIcon, EmojiSetName, LoadEmojiOptions } from './emoji.js';
export { emojiCrossSetPairs, emojiNames, loadEmojiSet } from './emoji.js';
export type { EqualizeOptions } from './equalize.js';
export { equalize, equalizeImage, equalizeSpecs } from './equalize.js';
export type { GaussianBlurOptions, GaussianBlurParams } from './gaussian-blur.js';
export {
  blur,
  blurKernelSize,
  fractionKernel,
  gaussianBlur,
  gaussianBlurSpecs,
} from './gaussian-blur.js';
export type { GaussianNoiseOptions, GaussianNoiseParams } from './gaussian-noise.js';
export { addNoise, gaussianNoise, gaussianNoiseSpecs } from './gaussian-noise.js';
export { grayKeepChannels, toGray } from './gray.js';
export type { HorizontalFlipOptions, HorizontalFlipParams } from './horizontal-flip.js';
export { flipHorizontal, horizontalFlip, horizontalFlipSpecs } from './horizontal-flip.js';
export type { ImageFolder, LoadImageFolderOptions } from './image-folder.js';
export { loadImageFolder } from './image-folder.js';
export type { InvertOptions } from './invert.js';
export { invert, invertImage, invertSpecs } from './invert.js';
export type {
  BuiltMultiView,
  MultiView,
  MultiViewRecipe,
  MultiViewResult,
} from './multi-view.js';
export { buildMultiView, multiView } from './multi-view.js';
export type { NormalizeOptions } from './normalize.js';
export { normalize, normalizeImage, normalizeSpecs } from './normalize.js';
export type { PadMode, PadOptions } from './pad.js';
export { pad, padImage, padSpecs } from './pad.js';
export type { PerspectiveParams, Point, RandomPerspectiveOptions } from './perspective.js';
export { perspectiveImage, randomPerspective, randomPerspectiveSpecs } from './perspective.js';
export { PixelArena } from './pixel-arena.js';
export type { PosterizeOptions } from './posterize.js';
export { posterize, posterizeImage, posterizeSpecs } from './posterize.js';
export type { PreviewRow, PreviewSheetOptions } from './preview-sheet.js';
export { inputCaption, previewSheet, shortenName, viewCaption } from './preview-sheet.js';
export type { AutoAugmentParams, RandAugmentOptions } from './rand-augment.js';
export { randAugment, randAugmentSpecs } from './rand-augment.js';
export type { RandomErasingOptions, RandomErasingParams } from './random-erasing.js';
export { randomErasing, randomErasingSpecs } from './random-erasing.js';
export type { RandomGrayscaleOptions, RandomGrayscaleParams } from './random-grayscale.js';
export { randomGrayscale, randomGrayscaleSpecs } from './random-grayscale.js';
export type { RandomOpParams } from './random-op.js';
export type {
  RandomResizedCropOptions,
  RandomResizedCropParams,
} from './random-resized-crop.js';
export { randomResizedCrop, randomResizedCropSpecs } from './random-resized-crop.js';
export type { Channels, RawImage } from './raw-image.js';
export { assertImage, createImage, fromUint8, toTensorData, toUint8 } from './raw-image.js';
export {
  byolRecipe,
  defaultFashionMnistRecipe,
  imagePresets,
  mocoV2Recipe,
  simclrRecipe,
} from './recipes.js';
export type { SourceSize } from './record-summary.js';
export { summarizeRecord } from './record-summary.js';
export type { BuiltImagePipeline, PooledTransform } from './registry.js';
export { buildImagePipeline, imageRegistry, withPixelArena } from './registry.js';
export type { Box } from './resample.js';
export { resampleBox, resizeImage } from './resample.js';
export type { ResizeOptions } from './resize.js';
export { resize, resizeSpecs } from './resize.js';
export type { RotationOptions, RotationParams } from './rotation.js';
export { rotate, rotation, rotationSpecs } from './rotation.js';
export type { SharpenDrawn, SharpenOptions } from './sharpen.js';
export { sharpen, sharpenImage, sharpenSpecs } from './sharpen.js';
export type { SolarizeOptions } from './solarize.js';
export { solarize, solarizeImage, solarizeSpecs } from './solarize.js';
export { syntheticScene } from './synthetic-scene.js';
export type { TrivialAugmentOptions } from './trivial-augment.js';
export { trivialAugment, trivialAugmentSpecs } from './trivial-augment.js';
export type { VerticalFlipOptions, VerticalFlipParams } from './vertical-flip.js';
export { flipVertical, verticalFlip, verticalFlipSpecs } from './vertical-flip.js';
export type { AffineMatrix, Homography } from './warp.js';
export { homographyFromPoints, inverseAffine, warpAffine, warpPerspective } from './warp.js';
