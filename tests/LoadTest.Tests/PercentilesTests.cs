namespace Ecommerce.LoadTest.Tests;

public sealed class PercentilesTests
{
    [Fact]
    public void Percentiles_of_one_to_a_hundred_are_the_ranks_themselves()
    {
        // Given in reverse order: the summary must sort before it ranks.
        var summary = LatencySummary.Of(Enumerable.Range(1, 100).Reverse().Select(i => (double)i));

        Assert.Equal(50, summary.P50);
        Assert.Equal(95, summary.P95);
        Assert.Equal(99, summary.P99);
        Assert.Equal(100, summary.Max);
        Assert.Equal(50.5, summary.Mean);
    }

    [Theory]
    [InlineData(50, 20)]
    [InlineData(75, 30)]
    [InlineData(76, 40)]
    [InlineData(95, 40)]
    [InlineData(100, 40)]
    [InlineData(0.1, 10)]
    public void Nearest_rank_picks_a_measured_value_never_an_interpolated_one(double percentile, double expected) =>
        Assert.Equal(expected, Percentiles.OfSorted([10, 20, 30, 40], percentile));

    [Fact]
    public void One_slow_request_in_a_hundred_is_the_max_but_not_the_p99()
    {
        double[] latencies = [.. Enumerable.Repeat(5.0, 99), 900.0];

        var summary = LatencySummary.Of(latencies);

        Assert.Equal(5, summary.P99);
        Assert.Equal(900, summary.Max);
    }

    [Fact]
    public void No_requests_give_zeros_rather_than_an_error()
    {
        Assert.Equal(LatencySummary.Empty, LatencySummary.Of([]));
        Assert.Equal(0, Percentiles.OfSorted([], 99));
    }

    [Fact]
    public void A_single_request_is_every_percentile() =>
        Assert.Equal(new LatencySummary(7, 7, 7, 7, 7), LatencySummary.Of([7.0]));

    [Theory]
    [InlineData(0.37, 0.5)]
    [InlineData(1.0, 1.0)]
    [InlineData(1.2, 2.0)]
    [InlineData(3.1, 5.0)]
    [InlineData(7.9, 10.0)]
    [InlineData(42, 50)]
    public void Histogram_bins_have_widths_a_person_can_read(double raw, double expected) =>
        Assert.Equal(expected, LatencyHistogram.NiceWidth(raw), precision: 9);

    [Fact]
    public void The_histogram_counts_every_request_once()
    {
        var samples = Enumerable.Range(1, 1000)
            .Select(i => new RequestSample(TimeSpan.Zero, TimeSpan.FromMilliseconds(i % 97 + 0.5), 201))
            .Append(new RequestSample(TimeSpan.Zero, TimeSpan.FromSeconds(30), RequestSample.NoResponse))
            .ToArray();

        var histogram = LatencyHistogram.Of(samples);

        Assert.Equal(samples.Length, histogram.Bins.Sum(b => b.Count) + histogram.SlowerThanRange);
        Assert.Equal(1, histogram.SlowerThanRange);
    }
}
