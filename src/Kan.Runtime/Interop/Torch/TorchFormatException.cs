using System;

namespace Kan.Interop.Torch
{
    /// <summary>
    /// The one error the torch reader raises for a file it will not or cannot read: malformed, truncated,
    /// hostile (a global outside the allowlist) or simply not a state dict. The message names the file, the
    /// place (zip entry and byte offset where there is one) and what was expected.
    /// </summary>
    public sealed class TorchFormatException : Exception
    {
        public TorchFormatException(string fileName, string detail)
            : base(fileName + ": " + detail)
        {
            FileName = fileName;
            Detail = detail;
        }

        public string FileName { get; }

        /// <summary>What was wrong and what was expected, without the file name.</summary>
        public string Detail { get; }
    }
}
