import { ManyViewsError } from '@manyviews/augment-core';
import * as tf from '@tensorflow/tfjs-core';
import type { NamedWeight } from '../encoders/encoder.js';

/** Which update rule, and its hyper-parameters. */
export interface OptimizerConfig {
  /** `adam`, `adamw` (decoupled weight decay, Loshchilov and Hutter 2019) or `lars` (You et al. 2017). */
  name: 'adam' | 'adamw' | 'lars';
  /** Decoupled weight decay for adamw, L2 term for lars; default 1e-4 (adamw), 1e-6 (lars). */
  weightDecay?: number;
  /** Adam's beta1 / LARS's momentum; default 0.9. */
  beta1?: number;
  /** Adam's beta2; default 0.999. */
  beta2?: number;
  /** Adam's epsilon; default 1e-8. */
  epsilon?: number;
  /** LARS trust coefficient eta; default 0.001. */
  trustCoefficient?: number;
}

/**
 * A first-order optimiser whose whole state is tfjs variables in a fixed order, so a checkpoint
 * holds it exactly and a resumed run continues bit for bit.
 *
 * Biases (rank-1 variables) are left out of weight decay and of LARS's trust ratio, as SimCLR
 * does.
 */
export class Optimizer {
  readonly config: Required<OptimizerConfig>;
  private readonly slots: tf.Variable[][];
  private readonly stepCount: tf.Variable;

  /**
   * @param variables what it updates, in the order gradients will be given
   * @throws {ManyViewsError} `INVALID_OPTION` for an unknown name or out-of-range values
   */
  constructor(
    private readonly variables: tf.Variable[],
    config: OptimizerConfig = { name: 'adam' },
  ) {
    if (!['adam', 'adamw', 'lars'].includes(config.name)) {
      throw new ManyViewsError('INVALID_OPTION', 'unknown optimiser', {
        expected: 'adam, adamw or lars',
        received: config.name,
      });
    }
    this.config = {
      weightDecay: config.name === 'lars' ? 1e-6 : config.name === 'adamw' ? 1e-4 : 0,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8,
      trustCoefficient: 0.001,
      ...config,
    };
    for (const key of ['weightDecay', 'beta1', 'beta2', 'epsilon', 'trustCoefficient'] as const) {
      const v = this.config[key];
      if (!(v >= 0) || !Number.isFinite(v) || (key.startsWith('beta') && v >= 1)) {
        throw new ManyViewsError('INVALID_OPTION', `optimiser ${key} is out of range`, {
          expected: key.startsWith('beta') ? 'a number in [0, 1)' : 'a finite number >= 0',
          received: v,
        });
      }
    }

    const perVariable = config.name === 'lars' ? 1 : 2;
    this.slots = variables.map((v) =>
      Array.from({ length: perVariable }, () => tf.variable(tf.zerosLike(v), false)),
    );
    this.stepCount = tf.variable(tf.scalar(0), false);
  }

  /**
   * Applies one update. `grads[i]` belongs to `variables[i]`; the caller disposes them.
   *
   * @param learningRate this step's rate (from the schedule)
   */
  step(grads: tf.Tensor[], learningRate: number): void {
    tf.tidy(() => {
      this.stepCount.assign(tf.add(this.stepCount, 1));
      const t = this.stepCount.dataSync()[0];
      const { name, beta1, beta2, epsilon, weightDecay, trustCoefficient } = this.config;

      this.variables.forEach((w, i) => {
        const g = grads[i];
        const decays = w.rank > 1 && weightDecay > 0;
        if (name === 'lars') {
          const [velocity] = this.slots[i];
          let update = decays ? tf.add(g, tf.mul(w, weightDecay)) : g;
          if (w.rank > 1) {
            const wNorm = tf.norm(w);
            const uNorm = tf.norm(update);
            const trust = tf.where(
              tf.logicalAnd(tf.greater(wNorm, 0), tf.greater(uNorm, 0)),
              tf.div(tf.mul(wNorm, trustCoefficient), uNorm),
              tf.onesLike(wNorm),
            );
            update = tf.mul(update, trust);
          }
          velocity.assign(tf.add(tf.mul(velocity, beta1), tf.mul(update, learningRate)));
          w.assign(tf.sub(w, velocity));
          return;
        }

        const [m, v] = this.slots[i];
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
        const mHat = tf.div(m, 1 - beta1 ** t);
        const vHat = tf.div(v, 1 - beta2 ** t);
        let delta = tf.div(mHat, tf.add(tf.sqrt(vHat), epsilon));
        if (name === 'adamw' && decays) delta = tf.add(delta, tf.mul(w, weightDecay));
        w.assign(tf.sub(w, tf.mul(delta, learningRate)));
      });
    });
  }

  /** The optimiser's state, copied out, for a checkpoint. */
  state(): NamedWeight[] {
    const out: NamedWeight[] = [
      { name: 'optimizer.step', shape: [], values: this.stepCount.dataSync() as Float32Array },
    ];
    for (const [i, slots] of this.slots.entries()) {
      for (const [j, slot] of slots.entries()) {
        out.push({
          name: `optimizer.${i}.${j}`,
          shape: [...slot.shape],
          values: slot.dataSync() as Float32Array,
        });
      }
    }
    return out;
  }

  /**
   * Restores a state from {@link Optimizer.state}.
   *
   * @throws {ManyViewsError} `CHECKPOINT_MISMATCH` when it was saved for other variables
   */
  load(state: NamedWeight[]): void {
    const byName = new Map(state.map((s) => [s.name, s]));
    const assign = (target: tf.Variable, name: string) => {
      const saved = byName.get(name);
      if (!saved || saved.values.length !== target.size) {
        throw new ManyViewsError('CHECKPOINT_MISMATCH', `optimiser state ${name} does not fit`, {
          expected: `${target.size} values`,
          received: saved ? `${saved.values.length} values` : 'no such entry',
        });
      }
      target.assign(tf.tensor(saved.values, target.shape));
    };
    assign(this.stepCount, 'optimizer.step');
    for (const [i, slots] of this.slots.entries()) {
      for (const [j, slot] of slots.entries()) assign(slot, `optimizer.${i}.${j}`);
    }
  }

  dispose(): void {
    for (const slots of this.slots) for (const s of slots) s.dispose();
    this.stepCount.dispose();
  }
}
