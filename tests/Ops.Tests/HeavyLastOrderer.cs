using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Ecommerce.Ops.Tests.HeavyLastOrderer", "Ecommerce.Ops.Tests")]

namespace Ecommerce.Ops.Tests;

/// <summary>
/// These tests run one class at a time (xunit.runner.json) beside the other test projects, and the one that compiles
/// the images comes last: it takes both cores for a while, and the suite's other projects start at the same moment.
/// </summary>
public sealed class HeavyLastOrderer : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName.Contains(nameof(ImageTests), StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}
