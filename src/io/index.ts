/**
 * File formats: `.npy`, `.safetensors`, JSON matrices, coreset JSON and
 * hexadecimal floats.
 * @module io
 */
export { formatHexFloat, parseHexFloat } from './hex-float.js';
export { formatNumberJson, parseNumericValue } from './numeric.js';
export { matrixShape } from './shape.js';
export { decodeNpy, encodeNpy, NPY_MAGIC, type NpyWriteOptions } from './npy.js';
export { decodeNpz } from './npz.js';
export { extractZipEntry, readZipDirectory, type ZipEntry } from './zip.js';
export { decodeSafetensors, encodeSafetensors, parseSafetensorsHeader, type SafetensorsEntry, type SafetensorsHeader } from './safetensors.js';
export { formatJsonMatrix, jsonValueToMatrix, parseJsonMatrix, type JsonMatrixWriteOptions } from './json-matrix.js';
export { coresetFromJson, formatCoresetJson, readCoresetFile, writeCoresetFile, type CoresetFile } from './coreset-file.js';
export { decodeMatrix, readMatrix, readVector, splitTensorSpec, type MatrixFormat } from './read-matrix.js';
export { encodeMatrix, writeMatrix, type MatrixWriteOptions } from './write-matrix.js';
export { readInstance } from './instance.js';
export { readBytes } from './files.js';
export { writeBytes, writeFiles, type FileToWrite } from './write-file.js';
export { refuseOutputsThatAreInputs, type NamedPath } from './output-path.js';
export { MAX_NPY_HEADER, MAX_NUMBER_TEXT, maxInputBytes, maxJsonBytes, preview } from './limits.js';
export { decodeWeighting, readWeighting, type WeightingFile } from './weights-file.js';
