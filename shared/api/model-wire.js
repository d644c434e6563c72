// Adds the model's fields (emotionGroups, detectedEmotions, primaryEmotion)
// to the public objects readWire built from the model path's reply, from the
// two extra arrays that wasm/core/model/model_analyzer.h (ModelWire)
// describes. The result equals JSON.parse of the model path's JSON, key
// order included (tests/js/wire-parity.test.mjs checks it).
import { EMOTION_ORDER } from './wire.js';

// kEmotionGroupNames' order in wasm/core/model/fusion.cc.
const GROUP_ORDER = ['angry', 'frustrated', 'disappointed', 'confused', 'anxious', 'sad', 'grateful',
  'happy', 'neutral'];

export function addModelFields(results, numbers, ints) {
  let ni = 0, ii = 0;
  for (const result of results) {
    const emotionGroups = {
      angry: numbers[ni], frustrated: numbers[ni + 1], disappointed: numbers[ni + 2],
      confused: numbers[ni + 3], anxious: numbers[ni + 4], sad: numbers[ni + 5],
      grateful: numbers[ni + 6], happy: numbers[ni + 7], neutral: numbers[ni + 8],
    };
    ni += GROUP_ORDER.length;
    const primary = ints[ii++];
    const detectedEmotions = new Array(ints[ii++]);
    for (let d = 0; d < detectedEmotions.length; d++) detectedEmotions[d] = EMOTION_ORDER[ints[ii++]];
    result.emotionGroups = emotionGroups;
    result.detectedEmotions = detectedEmotions;
    result.primaryEmotion = primary >= 0 ? GROUP_ORDER[primary] : 'neutral';
  }
  return results;
}
