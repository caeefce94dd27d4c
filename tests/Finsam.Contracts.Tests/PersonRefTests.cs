using Finsam.Contracts.Persons;

namespace Finsam.Contracts.Tests;

public sealed class PersonRefTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void Is_the_same_for_every_written_form_of_one_number()
    {
        var generator = new PersonRefGenerator(Key);

        Assert.Equal(
            generator.For(Personnummer.Parse("19811218-9876", Today)),
            generator.For(Personnummer.Parse("8112189876", Today)));
    }

    [Fact]
    public void Differs_between_deployments_with_different_keys()
    {
        var number = Personnummer.Parse("19811218-9876", Today);
        var otherKey = Key.Select(b => (byte)(b + 1)).ToArray();

        Assert.NotEqual(new PersonRefGenerator(Key).For(number), new PersonRefGenerator(otherKey).For(number));
    }

    [Fact]
    public void Does_not_contain_the_number_and_has_the_documented_shape()
    {
        var personRef = new PersonRefGenerator(Key).For(Personnummer.Parse("19811218-9876", Today));

        Assert.True(PersonRef.IsValid(personRef));
        Assert.DoesNotContain("9876", personRef, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pr-0123456789abcdef0123456789abcdef", true)]
    [InlineData("pr-0123456789ABCDEF0123456789abcdef", false)]
    [InlineData("pr-0123", false)]
    [InlineData("198112189876", false)]
    [InlineData(null, false)]
    public void Recognises_valid_references(string? value, bool valid) => Assert.Equal(valid, PersonRef.IsValid(value));

    [Fact]
    public void Refuses_a_key_shorter_than_256_bits() =>
        Assert.Throws<ArgumentException>(() => new PersonRefGenerator(new byte[16]));
}
