import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tapWindow } from '../../../../src/core/backend/wasm-kernels/tap-windows.js';
import { pick, seededRandom } from './cpu-reference.js';

describe('tapWindow', () => {
  it('holds exactly the outputs whose read lands inside x, and says where each reads', () => {
    const random = seededRandom(20);
    for (let i = 0; i < 200; i++) {
      const size = (): number => pick(random, 1, 9);
      const step = (): number => pick(random, 1, 3);
      const pad = (): number => pick(random, 0, 3);
      const g = {
        h: size(),
        w: size(),
        ci: step(),
        oh: size(),
        ow: size(),
        sh: step(),
        sw: step(),
        dh: step(),
        dw: step(),
        top: pad(),
        left: pad(),
      };
      const { h, w, ci } = g;
      const [fh, fw] = [pick(random, 0, 4), pick(random, 0, 4)];
      const { y0, y1, x0, x1, origin } = tapWindow(g, fh, fw);
      const label = `case ${i}: ${JSON.stringify({ ...g, fh, fw })}`;
      for (let oy = 0; oy < g.oh; oy++) {
        for (let ox = 0; ox < g.ow; ox++) {
          const [iy, ix] = [oy * g.sh + fh * g.dh - g.top, ox * g.sw + fw * g.dw - g.left];
          const inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
          assert.equal(oy >= y0 && oy <= y1 && ox >= x0 && ox <= x1, inside, label);
          if (inside) {
            const at = origin + oy * g.sh * w * ci + (ox - x0) * g.sw * ci;
            assert.equal(at, (iy * w + ix) * ci, label);
          }
        }
      }
    }
  });
});
