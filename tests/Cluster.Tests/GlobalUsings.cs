global using Ecommerce.TestSupport;
global using Orleans;
global using Xunit;
