using System;

namespace Kan.Training
{
    /// <summary>
    /// The loss became NaN or infinite during <see cref="KanNetwork.Fit"/>. The network holds the parameters from
    /// before the failing step; <see cref="History"/> has the steps that completed.
    /// </summary>
    public sealed class TrainingDivergedException : Exception
    {
        public TrainingDivergedException(int step, double trainLoss, double testLoss, FitHistory history)
            : base("Training diverged at step " + step + ": train loss " + trainLoss + ", test loss " + testLoss + ". The parameters from before this step were restored; try a smaller learning rate or Adam.")
        {
            Step = step;
            History = history;
        }

        public int Step { get; }

        public FitHistory History { get; }
    }
}
