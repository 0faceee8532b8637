using System.Collections.Generic;

namespace Kan.Training
{
    /// <summary>pykan fit's <c>results</c>: per step, train and test RMSE and the regulariser.</summary>
    public sealed class FitHistory
    {
        public List<double> TrainRmse { get; } = new List<double>();

        public List<double> TestRmse { get; } = new List<double>();

        public List<double> Reg { get; } = new List<double>();

        /// <summary>Loss evaluations on the full batch or a sampled one (train loss and gradient, test loss), over all steps.</summary>
        public int Evaluations { get; internal set; }
    }

    /// <summary>Reported after every step.</summary>
    public readonly struct FitProgress
    {
        public FitProgress(int step, int steps, double trainRmse, double testRmse, double reg)
        {
            Step = step;
            Steps = steps;
            TrainRmse = trainRmse;
            TestRmse = testRmse;
            Reg = reg;
        }

        /// <summary>Steps completed so far (1-based).</summary>
        public int Step { get; }

        public int Steps { get; }

        public double TrainRmse { get; }

        public double TestRmse { get; }

        public double Reg { get; }
    }
}
