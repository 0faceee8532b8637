namespace Kan.Training
{
    /// <summary>The optimiser <see cref="KanNetwork.Fit"/> uses (pykan <c>fit</c>'s <c>opt</c>).</summary>
    public enum Optimizer
    {
        /// <summary>L-BFGS with a strong-Wolfe line search, pykan's default (<c>opt="LBFGS"</c>).</summary>
        Lbfgs,

        /// <summary>Adam (<c>opt="Adam"</c>).</summary>
        Adam,
    }
}
