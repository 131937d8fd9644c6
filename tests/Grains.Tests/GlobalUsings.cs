global using Ecommerce.TestSupport;
global using Orleans;
global using Orleans.TestingHost;
global using Xunit;
