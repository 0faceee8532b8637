using System;

namespace Kan.Training.Optimizers
{
    /// <summary>torch.optim.Adam with its defaults (betas 0.9/0.999, eps 1e-8, no weight decay); state persists across steps.</summary>
    internal sealed class Adam
    {
        private double[]? _m;
        private double[]? _v;
        private int _step;

        public Adam(double learningRate)
        {
            LearningRate = learningRate;
        }

        public double LearningRate { get; }

        public double Beta1 { get; set; } = 0.9;

        public double Beta2 { get; set; } = 0.999;

        public double Epsilon { get; set; } = 1e-8;

        /// <summary>Updates <paramref name="x"/> in place from its gradient <paramref name="g"/>.</summary>
        public void Step(double[] x, double[] g)
        {
            if (_m is null || _m.Length != x.Length)
            {
                _m = new double[x.Length];
                _v = new double[x.Length];
                _step = 0;
            }

            _step++;
            double bc1 = 1 - Math.Pow(Beta1, _step);
            double bc2 = 1 - Math.Pow(Beta2, _step);
            double stepSize = LearningRate / bc1;
            double sqrtBc2 = Math.Sqrt(bc2);
            for (int i = 0; i < x.Length; i++)
            {
                _m[i] = Beta1 * _m[i] + (1 - Beta1) * g[i];
                _v![i] = Beta2 * _v[i] + (1 - Beta2) * g[i] * g[i];
                double denom = Math.Sqrt(_v[i]) / sqrtBc2 + Epsilon;
                x[i] -= stepSize * _m[i] / denom;
            }
        }
    }
}
