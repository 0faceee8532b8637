namespace Kan.Training.Discovery
{
    /// <summary>What one trial produced: its best spline model and the formulas its snapping passes produced.</summary>
    internal sealed class TrialOutcome
    {
        public TrialOutcome(TrialSpec spec, KanNetwork splineModel, double splineRmse, System.Collections.Generic.IReadOnlyList<FormulaCandidate> formulas)
        {
            Spec = spec;
            SplineModel = splineModel;
            SplineRmse = splineRmse;
            Formulas = formulas;
        }

        public TrialSpec Spec { get; }

        /// <summary>The trained spline network before snapping, in caller units.</summary>
        public KanNetwork SplineModel { get; }

        /// <summary>Its validation RMSE in caller units.</summary>
        public double SplineRmse { get; }

        /// <summary>The formulas its snapping passes produced (none when an edge stayed a spline).</summary>
        public System.Collections.Generic.IReadOnlyList<FormulaCandidate> Formulas { get; }
    }
}
