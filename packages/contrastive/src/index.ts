export type { BackendChoice, BackendInfo } from './backend.js';
export { BACKEND_ORDER, currentBackend, selectBackend } from './backend.js';
export type { Checkpoint } from './checkpoint.js';
export { loadLatestCheckpoint, saveCheckpoint } from './checkpoint.js';
export type {
  AudioFrameEncoderConfig,
  TemporalLayer,
} from './encoders/audio-frame-encoder.js';
export { AudioFrameEncoder, framesAfter } from './encoders/audio-frame-encoder.js';
export type { Encoder, EncoderConfig, EncoderFactory, NamedWeight } from './encoders/encoder.js';
export { createEncoder, registerEncoder } from './encoders/encoder.js';
export type { MlpEncoderConfig } from './encoders/mlp-encoder.js';
export { MlpEncoder } from './encoders/mlp-encoder.js';
export type { BagEntries } from './encoders/sparse-bag-product.js';
export { bagEntries, bagTimesTable } from './encoders/sparse-bag-product.js';
export type { TextBagEncoderConfig } from './encoders/text-bag-encoder.js';
export { TextBagEncoder } from './encoders/text-bag-encoder.js';
export { alignmentUniformity } from './eval/alignment-uniformity.js';
export type { PixelNormalization } from './eval/embed-batches.js';
export { embedFloats, embedPixels, pixelFeatures } from './eval/embed-batches.js';
export type { KnnInputs, KnnResult } from './eval/knn.js';
export { knnEvaluate } from './eval/knn.js';
export type { LinearProbeOptions } from './eval/linear-probe.js';
export { linearProbe } from './eval/linear-probe.js';
export type { SparseRows } from './eval/sparse-rows.js';
export {
  packSparseRows,
  sparseAlignmentUniformity,
  sparseKnnEvaluate,
  sparseLinearProbe,
} from './eval/sparse-rows.js';
export { warmupCosine } from './lr-schedule.js';
export type { CurrentIndex, ModelManifest, StoredIndex } from './model-dir.js';
export {
  loadCurrentIndex,
  loadIndex,
  loadModelDir,
  MODEL_FORMAT_VERSION,
  readManifest,
  saveIndex,
  saveModelDir,
  weightsDigest,
} from './model-dir.js';
export type { DebiasedOptions } from './objectives/debiased-loss.js';
export { debiasedLoss } from './objectives/debiased-loss.js';
export type { HardNegativeOptions } from './objectives/hard-negative-loss.js';
export { hardNegativeLoss } from './objectives/hard-negative-loss.js';
export { MemoryBank } from './objectives/memory-bank.js';
export { l2Normalize, ntXentLoss } from './objectives/nt-xent.js';
export type {
  ObjectiveConfig,
  ObjectiveContext,
  ObjectiveFactory,
  ObjectiveFn,
} from './objectives/objective.js';
export { createObjective, objectiveNames, registerObjective } from './objectives/objective.js';
export type { RbmActivation, RbmOptions, RbmSampledOptions } from './objectives/rbm-loss.js';
export { rbmCandidateWeights, rbmLoss, rbmLossSampled } from './objectives/rbm-loss.js';
export type { VicregOptions, VicregTerms } from './objectives/vicreg-loss.js';
export { vicregLoss, vicregTerms } from './objectives/vicreg-loss.js';
export type { OptimizerConfig } from './optim/optimizer.js';
export { Optimizer } from './optim/optimizer.js';
export type { ServedAudioModel } from './serve/served-audio-model.js';
export { decodeUpload, loadServedAudioModel } from './serve/served-audio-model.js';
export type {
  ImagePreprocess,
  ServedImageModel,
  ServedImageModelOptions,
  ServedInput,
} from './serve/served-image-model.js';
export { loadServedImageModel } from './serve/served-image-model.js';
export type { ServedModel, ServedModelLoader } from './serve/served-model.js';
export { loadServedModel, registerServedDomain } from './serve/served-model.js';
export { checkInputs as checkTextInputs, loadServedTextModel } from './serve/served-text-model.js';

import './serve/builtin-served-domains.js';

export { activationGradient, type ConvBiasReluOptions, convBiasRelu } from './conv-bias-relu.js';
export type { CnnEncoderConfig } from './encoders/cnn-encoder.js';
export { CnnEncoder } from './encoders/cnn-encoder.js';
export type { TensorEntry } from './tensor-file.js';
export type { HashedFeatures, TextFeaturizerConfig } from './text-featurizer.js';
export {
  DEFAULT_TEXT_FEATURIZER,
  hashFeature,
  resolveTextFeaturizer,
  TextFeaturizer,
  textTokens,
} from './text-featurizer.js';
export { fitSlotIdf } from './text-slot-idf.js';
export type { TrainConfig, TrainOptions, TrainProgress, TrainResult } from './trainer.js';
export { assignWeights, trainContrastive } from './trainer.js';
export type { AudioPreprocess } from './views/audio-input.js';
export {
  audioInputMaker,
  centreFit,
  logMelStatistics,
  windowLength,
} from './views/audio-input.js';
export type {
  AudioViewMaker,
  AudioViewSpec,
  PackedClips,
} from './views/audio-view-maker.js';
export {
  createAudioViewMaker,
  LOG_MEL_STEP,
  packClips,
  splitAudioRecipe,
} from './views/audio-view-maker.js';
export type { AudioViewPoolOptions } from './views/audio-view-pool.js';
export { AudioViewPool } from './views/audio-view-pool.js';
export { EpochOrder, prefetched } from './views/epoch-order.js';
export type { ImageViewMaker, ImageViewSpec } from './views/image-view-maker.js';
export { createImageViewMaker } from './views/image-view-maker.js';
export type { ImageViewPoolOptions } from './views/image-view-pool.js';
export { ImageViewPool } from './views/image-view-pool.js';
export type { TextAugmenter, TextViewSourceOptions } from './views/text-view-source.js';
export { TextViewSource } from './views/text-view-source.js';
export type { ViewBatch, ViewSource } from './views/view-source.js';
export {
  conv2dFilterGradient,
  conv2dInputGradient,
  patchWasmConvGradient,
} from './wasm-conv-gradient.js';
export { patchWasmMatMul } from './wasm-matmul-patch.js';
export { maxPool2x2Gradient, patchWasmMaxPoolGradient } from './wasm-maxpool-gradient.js';
