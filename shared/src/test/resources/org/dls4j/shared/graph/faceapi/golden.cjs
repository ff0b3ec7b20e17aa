// Regenerates faceapi-golden.json: what face-api 1.7.15's own code (TensorFlow.js, CPU backend) computes for one
// fixed input per network, so FaceApiNetsTest can check the DL4J graphs against the original implementation.
//   npm pack @vladmandic/face-api@1.7.15 && tar xzf vladmandic-face-api-1.7.15.tgz
//   npm install @tensorflow/tfjs@4.22.0 @tensorflow/tfjs-backend-wasm@4.22.0
//   FACEAPI=./package/dist/face-api.node-wasm.js DLS_FACEAPI=/path/to/datasets/faceapi node golden.cjs > faceapi-golden.json
const fs = require('fs');
const faceapi = require(require('path').resolve(process.env.FACEAPI));
const tf = faceapi.tf;
const dir = process.env.DLS_FACEAPI + '/';

function weightMap(model) {
  const manifest = JSON.parse(fs.readFileSync(dir + model + '-weights_manifest.json'));
  const buf = fs.readFileSync(dir + manifest[0].paths[0]);
  return tf.io.decodeWeights(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength), manifest[0].weights);
}

// The test picture: (h * 7 + w * 13 + c * 50) mod 256, height x width x RGB; Java builds the same integers.
function picture(height, width) {
  const values = new Float32Array(height * width * 3);
  let i = 0;
  for (let h = 0; h < height; h++) for (let w = 0; w < width; w++) for (let c = 0; c < 3; c++) {
    values[i++] = (h * 7 + w * 13 + c * 50) % 256;
  }
  return tf.tensor3d(values, [height, width, 3]);
}

// Every 'step'-th value of a tensor in NHWC order, and the mean of all.
function sample(t, step) {
  const data = t.dataSync();
  const values = [];
  for (let i = 0; i < data.length; i += step) values.push(data[i]);
  return { shape: t.shape, step, mean: tf.mean(t).dataSync()[0], values };
}

(async () => {
  await tf.setBackend('cpu');
  const golden = {};

  const recognition = new faceapi.FaceRecognitionNet();
  recognition.loadFromWeightMap(weightMap('face_recognition_model'));
  golden.faceRecognition = { input: [150, 150], embedding: Array.from(await recognition.computeFaceDescriptor(picture(150, 150))) };

  const tiny = new faceapi.TinyFaceDetector();
  tiny.loadFromWeightMap(weightMap('tiny_face_detector_model'));
  const raw = tiny.forwardInput(await faceapi.toNetInput(picture(416, 416)), 416);
  golden.tinyFaceDetector = { input: [416, 416], output: sample(raw, 7) };

  const ssd = new faceapi.SsdMobilenetv1();
  ssd.loadFromWeightMap(weightMap('ssd_mobilenetv1_model'));
  const p = ssd.params.mobilenetv1;
  const layers = [];
  let out = tf.sub(tf.div(picture(128, 128).expandDims(), 127.5), 1);
  out = tf.clipByValue(tf.add(tf.conv2d(out, p.conv_0.filters, [2, 2], 'same'), p.conv_0.batch_norm_offset), 0, 6);
  layers.push(sample(out, 101));
  for (let i = 1; i <= 13; i++) {
    const d = p['conv_' + i].depthwise_conv;
    const q = p['conv_' + i].pointwise_conv;
    const stride = [2, 4, 6, 12].includes(i) ? [2, 2] : [1, 1];
    out = tf.depthwiseConv2d(out, d.filters, stride, 'same');
    out = tf.clipByValue(tf.batchNorm(out, d.batch_norm_mean, d.batch_norm_variance, d.batch_norm_offset,
      d.batch_norm_scale, 0.0010000000474974513), 0, 6);
    out = tf.clipByValue(tf.add(tf.conv2d(out, q.filters, [1, 1], 'same'), q.batch_norm_offset), 0, 6);
    layers.push(sample(out, 101));
  }
  golden.mobileNetV1 = { input: [128, 128], layers };
  process.stdout.write(JSON.stringify(golden) + '\n');
})();
