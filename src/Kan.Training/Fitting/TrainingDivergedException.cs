using System;

namespace Kan.Training
{
    /// <summary>
    /// The loss became NaN or infinite during <see cref="KanNetwork.Fit"/>. The network holds the parameters from
    /// before the failing step; <see cref="History"/> has the steps that completed.
    /// </summary>
    public sealed class TrainingDivergedException : Exception
    {
        public TrainingDivergedException(int step, double trainLoss, double testLoss, FitHistory history, Optimizer optimizer)
            : base("Training diverged at step " + step + ": train loss " + trainLoss + ", test loss " + testLoss + ". The parameters from before this step were restored; " + Advice(optimizer))
        {
            Step = step;
            History = history;
        }

        // Advice that fits the run: suggesting Adam to a run that already uses it only wastes the user's time.
        private static string Advice(Optimizer optimizer) => optimizer == Optimizer.Adam
            ? "try a smaller learning rate (the optimizer is already Adam)."
            : "try a smaller learning rate or the Adam optimizer.";

        public int Step { get; }

        public FitHistory History { get; }
    }
}
