namespace Ecommerce.CatalogData;

/// <summary>One department of the generated shop: what it sells, what that is made of, and what it costs.</summary>
/// <param name="Name">The category as the API stores it (the category filter's value).</param>
/// <param name="Nouns">Kinds of product sold here; a name ends with one of them.</param>
/// <param name="Materials">What those products are made of; a name often carries one.</param>
/// <param name="Uses">What a shopper buys them for, for the descriptions ("Made for ...").</param>
/// <param name="MinPrice">The cheapest product of the category.</param>
/// <param name="MaxPrice">The dearest; prices spread log-uniformly between the two, across the facet ranges.</param>
public sealed record CategoryVocabulary(
    string Name, string[] Nouns, string[] Materials, string[] Uses, decimal MinPrice, decimal MaxPrice);

/// <summary>
/// The words of the generated catalog. Written for this project: thirty departments of a general store, each with its
/// own product nouns and materials, plus adjectives, colours and description phrases shared by all. Brands are drawn
/// from Bogus's surnames by the generator, so the vocabulary also has a few hundred proper nouns.
/// </summary>
public static class Vocabulary
{
    public static readonly IReadOnlyList<CategoryVocabulary> Categories =
    [
        new("Kitchen", ["Chef Knife", "Frying Pan", "Saucepan", "Cutting Board", "Colander", "Whisk", "Mixing Bowl", "Kettle", "Toaster", "Blender", "Dutch Oven", "Spatula"],
            ["Stainless Steel", "Cast Iron", "Bamboo", "Ceramic", "Copper", "Enamel"], ["everyday cooking", "weekend baking", "busy kitchens", "family dinners"], 4m, 400m),
        new("Furniture", ["Dining Table", "Armchair", "Bookshelf", "Sofa", "Coffee Table", "Desk", "Bar Stool", "Wardrobe", "Sideboard", "Bench"],
            ["Oak", "Walnut", "Pine", "Rattan", "Velvet", "Steel"], ["small apartments", "open living rooms", "home offices", "guest rooms"], 40m, 3000m),
        new("Lighting", ["Floor Lamp", "Desk Lamp", "Pendant Light", "Wall Sconce", "String Lights", "Lantern", "Ceiling Fan", "Night Light"],
            ["Brass", "Glass", "Linen", "Aluminium", "Paper", "Marble"], ["reading corners", "cosy evenings", "bright workspaces", "bedrooms"], 8m, 900m),
        new("Bedding", ["Duvet Cover", "Pillow", "Fitted Sheet", "Quilt", "Mattress Topper", "Blanket", "Pillowcase", "Throw"],
            ["Cotton", "Linen", "Bamboo", "Wool", "Silk", "Flannel"], ["restful nights", "warm winters", "hot summers", "guest beds"], 9m, 600m),
        new("Bath", ["Bath Towel", "Shower Curtain", "Bath Mat", "Soap Dispenser", "Toothbrush Holder", "Bathrobe", "Towel Rail", "Mirror"],
            ["Cotton", "Ceramic", "Bamboo", "Chrome", "Waffle Cotton", "Teak"], ["spa evenings", "family bathrooms", "guest bathrooms", "daily routines"], 5m, 300m),
        new("Garden", ["Planter", "Garden Hose", "Pruning Shears", "Watering Can", "Bird Feeder", "Lawn Mower", "Raised Bed", "Compost Bin", "Trowel"],
            ["Terracotta", "Galvanised Steel", "Cedar", "Recycled Plastic", "Zinc", "Wicker"], ["balconies", "vegetable patches", "keen gardeners", "small yards"], 6m, 1200m),
        new("Tools", ["Cordless Drill", "Hammer", "Screwdriver Set", "Tape Measure", "Spirit Level", "Socket Set", "Workbench", "Toolbox", "Circular Saw", "Wrench"],
            ["Chrome Vanadium", "Fibreglass", "Hardened Steel", "Aluminium", "Rubber", "Titanium"], ["weekend projects", "professional trades", "home repairs", "workshops"], 7m, 800m),
        new("Outdoor Gear", ["Backpack", "Rain Jacket", "Trekking Poles", "Headlamp", "Water Bottle", "Compass", "Gaiters", "Dry Bag", "Multitool"],
            ["Gore-Tex", "Ripstop Nylon", "Merino", "Aluminium", "Titanium", "Softshell"], ["mountain trails", "long hikes", "wet weather", "alpine trips"], 9m, 700m),
        new("Camping", ["Tent", "Sleeping Bag", "Camping Stove", "Sleeping Mat", "Cooler", "Camping Chair", "Hammock", "Tarp", "Camp Kettle"],
            ["Ripstop Nylon", "Polyester", "Down", "Aluminium", "Canvas", "Titanium"], ["festival weekends", "family camping", "backcountry nights", "car camping"], 12m, 900m),
        new("Cycling", ["Road Bike", "Bike Helmet", "Bike Lock", "Bike Light", "Cycling Jersey", "Saddle", "Pump", "Pannier", "Bike Computer"],
            ["Carbon", "Aluminium", "Lycra", "Steel", "Merino", "Polycarbonate"], ["daily commutes", "long rides", "racing", "city cycling"], 10m, 4000m),
        new("Fitness", ["Yoga Mat", "Dumbbell", "Kettlebell", "Resistance Band", "Jump Rope", "Foam Roller", "Exercise Bike", "Pull-up Bar", "Weight Bench"],
            ["Natural Rubber", "Neoprene", "Cast Iron", "Foam", "Steel", "Cork"], ["home workouts", "strength training", "stretching", "gym sessions"], 6m, 1500m),
        new("Running", ["Running Shoe", "Running Shorts", "Running Vest", "Sports Watch", "Arm Band", "Running Socks", "Hydration Pack", "Running Tights"],
            ["Mesh", "Merino", "Polyester", "Recycled Nylon", "Foam", "Elastane"], ["marathon training", "trail running", "morning runs", "race day"], 8m, 500m),
        new("Footwear", ["Sneaker", "Chelsea Boot", "Loafer", "Sandal", "Hiking Boot", "Slipper", "Oxford Shoe", "Rain Boot"],
            ["Leather", "Suede", "Canvas", "Rubber", "Wool", "Vegan Leather"], ["city walks", "office days", "rainy seasons", "weekends"], 15m, 450m),
        new("Bags", ["Tote Bag", "Messenger Bag", "Duffel Bag", "Laptop Sleeve", "Wallet", "Suitcase", "Crossbody Bag", "Rucksack"],
            ["Leather", "Canvas", "Nylon", "Waxed Cotton", "Polycarbonate", "Cork"], ["business travel", "weekend getaways", "daily commutes", "carry-on travel"], 10m, 700m),
        new("Watches", ["Chronograph", "Dive Watch", "Smartwatch", "Field Watch", "Dress Watch", "Watch Strap", "Pocket Watch"],
            ["Stainless Steel", "Titanium", "Leather", "Sapphire", "Ceramic", "Gold"], ["everyday wear", "diving", "formal occasions", "collectors"], 20m, 5000m),
        new("Jewelry", ["Necklace", "Ring", "Bracelet", "Earrings", "Pendant", "Brooch", "Cufflinks", "Anklet"],
            ["Sterling Silver", "Gold", "Rose Gold", "Pearl", "Platinum", "Emerald"], ["anniversaries", "weddings", "everyday elegance", "gifts"], 15m, 6000m),
        new("Menswear", ["Shirt", "Chinos", "Blazer", "Sweater", "Jeans", "Polo Shirt", "Overcoat", "Tie", "Hoodie"],
            ["Cotton", "Wool", "Linen", "Denim", "Cashmere", "Corduroy"], ["the office", "smart evenings", "casual Fridays", "cold winters"], 12m, 800m),
        new("Womenswear", ["Dress", "Blouse", "Skirt", "Cardigan", "Trench Coat", "Jumpsuit", "Leggings", "Scarf", "Trousers"],
            ["Silk", "Cotton", "Linen", "Cashmere", "Viscose", "Wool"], ["summer evenings", "the office", "weekend brunches", "special occasions"], 12m, 900m),
        new("Kids", ["Romper", "School Bag", "Rain Suit", "Pyjamas", "Lunch Box", "Car Seat", "Stroller", "High Chair"],
            ["Organic Cotton", "Fleece", "Recycled Polyester", "Beech", "Plastic", "Bamboo"], ["growing kids", "school days", "family outings", "toddlers"], 6m, 900m),
        new("Toys", ["Building Blocks", "Puzzle", "Board Game", "Doll", "Toy Car", "Kite", "Teddy Bear", "Train Set", "Play Kitchen"],
            ["Wood", "Plush", "Cardboard", "Plastic", "Felt", "Beech"], ["rainy afternoons", "family game nights", "curious minds", "birthday gifts"], 5m, 400m),
        new("Books", ["Cookbook", "Novel", "Atlas", "Field Guide", "Biography", "Notebook", "Sketchbook", "Travel Guide"],
            ["Hardcover", "Paperback", "Clothbound", "Recycled Paper", "Leatherbound", "Spiral-bound"], ["bookworms", "long journeys", "home cooks", "students"], 4m, 120m),
        new("Music", ["Acoustic Guitar", "Ukulele", "Keyboard", "Drum Pad", "Violin", "Harmonica", "Microphone", "Guitar Strings", "Metronome"],
            ["Spruce", "Mahogany", "Rosewood", "Maple", "Nickel", "Bronze"], ["beginners", "studio sessions", "live gigs", "practice at home"], 5m, 2500m),
        new("Audio", ["Headphones", "Earbuds", "Bluetooth Speaker", "Soundbar", "Turntable", "Amplifier", "Bookshelf Speaker", "Radio"],
            ["Aluminium", "Walnut", "Fabric", "Leather", "Plastic", "Beryllium"], ["music lovers", "home cinema", "commutes", "parties"], 15m, 3000m),
        new("Computers", ["Laptop", "Monitor", "Keyboard", "Mouse", "Webcam", "Docking Station", "External Drive", "Router", "Graphics Tablet"],
            ["Aluminium", "Magnesium", "Plastic", "Glass", "Carbon", "Steel"], ["remote work", "gaming setups", "students", "creative professionals"], 12m, 4000m),
        new("Phones", ["Smartphone", "Phone Case", "Screen Protector", "Charger", "Power Bank", "Car Mount", "Charging Cable", "Wireless Charger"],
            ["Silicone", "Tempered Glass", "Leather", "Aluminium", "Polycarbonate", "Braided Nylon"], ["travel", "everyday carry", "busy days", "road trips"], 5m, 1500m),
        new("Cameras", ["Mirrorless Camera", "Lens", "Tripod", "Camera Bag", "Memory Card", "Action Camera", "Flash", "Lens Filter"],
            ["Magnesium", "Carbon", "Aluminium", "Glass", "Canvas", "Leather"], ["travel photography", "portraits", "wildlife", "vlogging"], 10m, 5000m),
        new("Gaming", ["Game Controller", "Gaming Headset", "Gaming Chair", "Mechanical Keyboard", "Gaming Mouse", "Console Stand", "Mouse Pad"],
            ["Plastic", "Aluminium", "Mesh", "Leather", "Rubber", "Steel"], ["long sessions", "competitive play", "streaming", "couch co-op"], 10m, 900m),
        new("Office", ["Office Chair", "Standing Desk", "Desk Organizer", "Fountain Pen", "Planner", "Stapler", "Filing Cabinet", "Whiteboard", "Desk Mat"],
            ["Mesh", "Steel", "Oak", "Leather", "Recycled Paper", "Felt"], ["home offices", "focused work", "meetings", "studying"], 3m, 1200m),
        new("Pets", ["Dog Bed", "Cat Tree", "Leash", "Collar", "Pet Bowl", "Chew Toy", "Pet Carrier", "Scratching Post", "Aquarium"],
            ["Nylon", "Plush", "Sisal", "Stainless Steel", "Rubber", "Leather"], ["playful puppies", "indoor cats", "long walks", "travel with pets"], 4m, 500m),
        new("Beauty", ["Face Cream", "Shampoo", "Perfume", "Lipstick", "Hair Dryer", "Makeup Brush", "Nail Polish", "Serum", "Body Lotion"],
            ["Argan Oil", "Shea Butter", "Aloe Vera", "Vitamin C", "Hyaluronic Acid", "Charcoal"], ["sensitive skin", "daily routines", "dry hair", "evenings out"], 3m, 250m),
    ];

    public static readonly string[] Adjectives =
    [
        "Classic", "Compact", "Deluxe", "Lightweight", "Vintage", "Modern", "Essential", "Premium", "Rustic", "Ergonomic",
        "Portable", "Foldable", "Waterproof", "Wireless", "Slim", "Heavy-Duty", "Handcrafted", "Minimalist", "Everyday", "Adjustable",
        "Professional", "Insulated", "Reversible", "Stackable", "Quiet", "Rechargeable", "Breathable", "Oversized", "Nordic", "Urban",
        "Heritage", "Studio", "Expedition", "Signature", "Tailored", "Ultralight", "Smart", "Rugged", "Elegant", "Cozy",
    ];

    public static readonly string[] Colours =
    [
        "Black", "White", "Navy", "Olive", "Charcoal", "Sand", "Burgundy", "Forest Green", "Sky Blue", "Terracotta",
        "Mustard", "Ivory", "Slate Grey", "Blush Pink", "Teal", "Copper",
    ];

    public static readonly string[] Editions = ["Pro", "Mini", "Max", "Plus", "XL", "Lite", "II", "Duo", "Air", "Edition"];

    public static readonly string[] Qualities =
    [
        "built to last", "easy to clean", "light enough to carry anywhere", "made in small batches",
        "tested by our own team for a year", "designed to be repaired rather than replaced", "packed in recyclable cardboard",
        "finished by hand", "simple to assemble", "quiet in use", "gentle on the planet", "ready to use out of the box",
    ];

    public static readonly string[] Praise =
    [
        "A favourite of our customers", "Our best seller this season", "A thoughtful gift", "A small luxury",
        "An honest everyday companion", "A modern take on a timeless design", "A reliable workhorse",
    ];
}
