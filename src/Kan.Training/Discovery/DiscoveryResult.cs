using System.Collections.Generic;

namespace Kan.Training.Discovery
{
    /// <summary>One formula found by a trial (a point of the Pareto front).</summary>
    public sealed class FormulaCandidate
    {
        public FormulaCandidate(string formula, int complexity, double validationRmse, KanNetwork network, string trial)
        {
            Formula = formula;
            Complexity = complexity;
            ValidationRmse = validationRmse;
            Network = network;
            Trial = trial;
        }

        /// <summary>The simplified formula, constants rounded as far as the validation error allows.</summary>
        public string Formula { get; }

        /// <summary>Nodes of the simplified expression tree (constants, variables, operators, function calls).</summary>
        public int Complexity { get; }

        /// <summary>RMSE of <see cref="Formula"/> on the validation rows, in the target's units.</summary>
        public double ValidationRmse { get; }

        /// <summary>The fully symbolic network the formula was read from (reads the caller's columns, predicts y).</summary>
        public KanNetwork Network { get; }

        /// <summary>The trial that produced it, e.g. <c>[3,[1,1],1] seed 1 lamb 0</c>.</summary>
        public string Trial { get; }

        public override string ToString() => Formula + " (complexity " + Complexity + ", validation RMSE " + ValidationRmse.ToString("G4", System.Globalization.CultureInfo.InvariantCulture) + ")";
    }

    /// <summary>What <see cref="FormulaDiscovery.Run"/> found.</summary>
    public sealed class DiscoveryResult
    {
        public DiscoveryResult(IReadOnlyList<FormulaCandidate> paretoFront, FormulaCandidate? chosen, KanNetwork model, double modelValidationRmse, double tolerance, bool timedOut, double seconds)
        {
            ParetoFront = paretoFront;
            Chosen = chosen;
            Model = model;
            ModelValidationRmse = modelValidationRmse;
            Tolerance = tolerance;
            TimedOut = timedOut;
            Seconds = seconds;
        }

        /// <summary>Formulas no simpler formula beats on validation RMSE, by increasing complexity.</summary>
        public IReadOnlyList<FormulaCandidate> ParetoFront { get; }

        /// <summary>The simplest formula within <see cref="Tolerance"/>, or null when none is good enough.</summary>
        public FormulaCandidate? Chosen { get; }

        /// <summary>The chosen formula's network, or the best spline model when no formula is good enough.</summary>
        public KanNetwork Model { get; }

        public double ModelValidationRmse { get; }

        /// <summary>The validation RMSE a formula had to reach to be chosen.</summary>
        public double Tolerance { get; }

        /// <summary>The time limit stopped the search before its plan was done.</summary>
        public bool TimedOut { get; }

        public double Seconds { get; }
    }
}
