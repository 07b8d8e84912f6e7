// Places of the served area, for development without a Google Maps key: the offline approximation
// (src/modules/delivery/offline-maps.ts) locates an address at its street's centroid within its postcode, or at
// the postcode's centroid. Pure, typed constants (no I/O) read by seed.ts into `served_area_places`.
//
// Coverage: every postcode a shop's delivery radius reaches (all of Paris and the near suburbs around the 8
// shops) has a centroid, placed in its built-up part (not in the Bois de Boulogne or de Vincennes); each shop's
// own postcode, and 75007 where a demo customer lives, also has its main streets. A street's centroid is the
// middle of its stretch inside that postcode (within a few hundred metres of reality: enough for zones and
// travel estimates, not for a driver). Every shop's street and every demo customer's street is here, so that
// the demo works offline.

export interface ServedAreaPlace {
  postcode: string;
  city: string;
  /** null for the postcode centroid. */
  street: string | null;
  lat: number;
  lng: number;
}

interface Area {
  postcode: string;
  city: string;
  centroid: readonly [lat: number, lng: number];
  streets?: readonly (readonly [street: string, lat: number, lng: number])[];
}

const AREAS: readonly Area[] = [
  // ------------------------------------------------------------------ the shops' neighbourhoods
  {
    // P01 Oberkampf
    postcode: '75011',
    city: 'Paris',
    centroid: [48.8591, 2.38],
    streets: [
      ['rue Oberkampf', 48.8652, 2.3758],
      ['rue de la Roquette', 48.857, 2.3805],
      ['rue de la Folie-Méricourt', 48.8648, 2.3696],
      ['rue Jean-Pierre Timbaud', 48.8682, 2.3738],
      ['boulevard Voltaire', 48.858, 2.38],
      ['boulevard Richard-Lenoir', 48.8595, 2.3706],
      ['avenue de la République', 48.8646, 2.3765],
      ['avenue Parmentier', 48.864, 2.3752],
      ['rue du Faubourg Saint-Antoine', 48.8512, 2.3815],
      ['rue de Charonne', 48.8547, 2.3832],
      ['rue Saint-Maur', 48.8642, 2.3796],
      ['rue de la Fontaine-au-Roi', 48.8693, 2.3725],
      ['rue Amelot', 48.8588, 2.3676],
      ['rue du Chemin Vert', 48.8592, 2.3788],
      ['boulevard de Ménilmontant', 48.8628, 2.3878],
      ['boulevard de Belleville', 48.8695, 2.3798],
      ['boulevard de Charonne', 48.8538, 2.3937],
      ['rue Léon Frot', 48.8552, 2.3878],
      ['rue de Lappe', 48.8534, 2.3718],
    ],
  },
  {
    // P02 Commerce
    postcode: '75015',
    city: 'Paris',
    centroid: [48.8401, 2.2934],
    streets: [
      ['rue du Commerce', 48.8466, 2.2955],
      ['rue de Vaugirard', 48.8387, 2.3005],
      ['rue de la Convention', 48.8421, 2.2875],
      ['rue Saint-Charles', 48.8452, 2.2852],
      ['rue Lecourbe', 48.8421, 2.2955],
      ['boulevard de Grenelle', 48.8505, 2.2955],
      ['avenue Émile Zola', 48.8478, 2.2885],
      ['rue de la Croix-Nivert', 48.8412, 2.2948],
      ['rue Cambronne', 48.8438, 2.3022],
      ['avenue Félix Faure', 48.8405, 2.2862],
      ['rue des Entrepreneurs', 48.8466, 2.2888],
      ['rue du Théâtre', 48.8483, 2.2905],
      ['rue Linois', 48.8487, 2.2837],
      ['rue Blomet', 48.8427, 2.3058],
      ['boulevard Pasteur', 48.8427, 2.3128],
      ['boulevard Garibaldi', 48.8468, 2.3043],
      ["rue de l'Abbé Groult", 48.8405, 2.2962],
    ],
  },
  {
    // P03 Abbesses
    postcode: '75018',
    city: 'Paris',
    centroid: [48.8925, 2.3444],
    streets: [
      ['rue des Abbesses', 48.8847, 2.336],
      ['rue Lepic', 48.886, 2.3342],
      ['rue Caulaincourt', 48.8878, 2.3365],
      ['rue Custine', 48.8883, 2.3452],
      ['rue Ordener', 48.8924, 2.3443],
      ['rue Marcadet', 48.8915, 2.343],
      ['rue Damrémont', 48.8925, 2.3322],
      ['boulevard de Clichy', 48.8829, 2.332],
      ['boulevard de Rochechouart', 48.8829, 2.344],
      ['rue de Clignancourt', 48.8893, 2.3476],
      ['rue Lamarck', 48.8895, 2.339],
      ['avenue Junot', 48.888, 2.3355],
      ['rue Ramey', 48.8887, 2.3462],
      ['rue Championnet', 48.8951, 2.3392],
      ['boulevard Barbès', 48.8875, 2.3492],
      ['rue Doudeauville', 48.8885, 2.3545],
      ['avenue de Saint-Ouen', 48.8918, 2.3268],
    ],
  },
  {
    // P04 Butte-aux-Cailles
    postcode: '75013',
    city: 'Paris',
    centroid: [48.8283, 2.3623],
    streets: [
      ['rue de la Butte-aux-Cailles', 48.8273, 2.3497],
      ['rue Bobillot', 48.8262, 2.351],
      ["avenue d'Italie", 48.8252, 2.3578],
      ['boulevard Auguste-Blanqui', 48.8308, 2.3482],
      ['rue de Tolbiac', 48.8267, 2.36],
      ['avenue des Gobelins', 48.8345, 2.3535],
      ['boulevard Vincent-Auriol', 48.835, 2.365],
      ['rue de la Glacière', 48.8292, 2.3435],
      ['rue Corvisart', 48.8327, 2.3495],
      ['rue du Moulin des Prés', 48.8258, 2.352],
      ['avenue de Choisy', 48.8252, 2.361],
      ['rue Nationale', 48.8302, 2.364],
      ['avenue de France', 48.8302, 2.377],
      ['rue des Cinq-Diamants', 48.8285, 2.3505],
      ['rue Vergniaud', 48.8272, 2.3452],
      ["place d'Italie", 48.831, 2.3555],
      ["boulevard de l'Hôpital", 48.8367, 2.3608],
    ],
  },
  {
    // P05 Batignolles
    postcode: '75017',
    city: 'Paris',
    centroid: [48.8873, 2.3067],
    streets: [
      ['rue des Batignolles', 48.884, 2.3197],
      ['rue Legendre', 48.887, 2.3158],
      ['rue des Dames', 48.8843, 2.3212],
      ['avenue de Clichy', 48.889, 2.321],
      ['rue Brochant', 48.8895, 2.3178],
      ['rue Lemercier', 48.8878, 2.3226],
      ['rue Nollet', 48.8868, 2.3205],
      ['boulevard des Batignolles', 48.882, 2.3215],
      ['rue de Rome', 48.8857, 2.315],
      ['rue de Lévis', 48.883, 2.3125],
      ['avenue de Villiers', 48.8842, 2.306],
      ['boulevard Pereire', 48.8845, 2.3],
      ['rue Cardinet', 48.8857, 2.31],
      ['rue de la Jonquière', 48.8928, 2.3197],
      ['rue Guy Môquet', 48.892, 2.3237],
      ['rue de Tocqueville', 48.8837, 2.3087],
      ['avenue de Saint-Ouen', 48.8918, 2.3262],
    ],
  },
  {
    // P06 Montreuil
    postcode: '93100',
    city: 'Montreuil',
    centroid: [48.861, 2.441],
    streets: [
      ['rue de Paris', 48.8557, 2.4228],
      ['rue de Vincennes', 48.8537, 2.4305],
      ['boulevard Rouget de Lisle', 48.86, 2.4392],
      ['boulevard Paul Vaillant-Couturier', 48.8625, 2.4335],
      ['boulevard Chanzy', 48.8563, 2.438],
      ['avenue Walwein', 48.8585, 2.439],
      ['rue du Capitaine Dreyfus', 48.8615, 2.4408],
      ['avenue de la Résistance', 48.8608, 2.4387],
      ['rue de Lagny', 48.85, 2.43],
      ['rue Robespierre', 48.8575, 2.4222],
      ['boulevard Aristide Briand', 48.8572, 2.445],
      ['rue de Romainville', 48.866, 2.437],
      ['rue Douy-Delcupe', 48.859, 2.4352],
      ['avenue Pasteur', 48.8595, 2.4308],
      ['rue Étienne Marcel', 48.8547, 2.4285],
      ['rue Marceau', 48.8532, 2.4268],
    ],
  },
  {
    // P07 Boulogne
    postcode: '92100',
    city: 'Boulogne-Billancourt',
    centroid: [48.8352, 2.241],
    streets: [
      ['boulevard Jean-Jaurès', 48.838, 2.2403],
      ['route de la Reine', 48.8362, 2.2448],
      ['avenue du Général Leclerc', 48.832, 2.2382],
      ['avenue Édouard Vaillant', 48.8355, 2.25],
      ['avenue Jean-Baptiste Clément', 48.842, 2.2352],
      ["rue d'Aguesseau", 48.8392, 2.2432],
      ['rue de Silly', 48.8348, 2.2398],
      ['avenue André Morizet', 48.8355, 2.2412],
      ['rue de Paris', 48.8428, 2.2445],
      ['boulevard de la République', 48.8395, 2.2375],
      ['avenue Victor Hugo', 48.8402, 2.2415],
      ['rue du Château', 48.841, 2.2332],
      ['rue Gallieni', 48.833, 2.2415],
      ['rue Yves Kermen', 48.8325, 2.2365],
      ['quai Georges Gorse', 48.8292, 2.2415],
      ['avenue Pierre Grenier', 48.834, 2.247],
      ['rue Thiers', 48.8386, 2.2362],
    ],
  },
  {
    // P08 Levallois
    postcode: '92300',
    city: 'Levallois-Perret',
    centroid: [48.8932, 2.2873],
    streets: [
      ['rue Anatole France', 48.8925, 2.286],
      ['rue Aristide Briand', 48.893, 2.2895],
      ['rue Voltaire', 48.8945, 2.2876],
      ['rue Louis Rouquier', 48.8915, 2.287],
      ['rue du Président Wilson', 48.896, 2.283],
      ['rue Paul Vaillant-Couturier', 48.8955, 2.285],
      ['rue Rivay', 48.891, 2.289],
      ['rue Jean Jaurès', 48.89, 2.287],
      ['rue Gabriel Péri', 48.892, 2.2835],
      ['rue Danton', 48.8935, 2.2845],
      ['rue Chaptal', 48.89, 2.2905],
      ['rue Marius Aufan', 48.8905, 2.2845],
      ['boulevard Bineau', 48.888, 2.279],
      ['rue Trébois', 48.8895, 2.2855],
      ['rue Baudin', 48.8945, 2.29],
      ['rue Jules Guesde', 48.896, 2.288],
      ['rue Édouard Vaillant', 48.897, 2.287],
    ],
  },

  // ------------------------------------------------------------------ Paris, the rest of it
  { postcode: '75001', city: 'Paris', centroid: [48.8625, 2.3364] },
  { postcode: '75002', city: 'Paris', centroid: [48.8683, 2.3428] },
  { postcode: '75003', city: 'Paris', centroid: [48.863, 2.3601] },
  { postcode: '75004', city: 'Paris', centroid: [48.8543, 2.3576] },
  { postcode: '75005', city: 'Paris', centroid: [48.8445, 2.3497] },
  { postcode: '75006', city: 'Paris', centroid: [48.8491, 2.3328] },
  {
    // A demo customer lives rue Cler (delivered by P02).
    postcode: '75007',
    city: 'Paris',
    centroid: [48.8562, 2.3122],
    streets: [
      ['rue Cler', 48.8562, 2.3062],
      ['rue Saint-Dominique', 48.8592, 2.3045],
      ['avenue Bosquet', 48.8577, 2.3025],
      ['avenue de la Motte-Picquet', 48.8547, 2.3062],
      ['rue de Grenelle', 48.8567, 2.3102],
      ['avenue Rapp', 48.8597, 2.2988],
      ["rue de l'Université", 48.8602, 2.3032],
      ['boulevard de la Tour-Maubourg', 48.857, 2.3102],
      ['avenue Duquesne', 48.8522, 2.3072],
      ['avenue de Suffren', 48.8532, 2.2972],
    ],
  },
  { postcode: '75008', city: 'Paris', centroid: [48.8727, 2.3125] },
  { postcode: '75009', city: 'Paris', centroid: [48.8771, 2.3375] },
  { postcode: '75010', city: 'Paris', centroid: [48.8761, 2.3607] },
  // Built-up 12e, west of the Bois de Vincennes.
  { postcode: '75012', city: 'Paris', centroid: [48.8412, 2.3876] },
  { postcode: '75014', city: 'Paris', centroid: [48.8292, 2.3265] },
  // 75016 is southern 16e (Passy, Auteuil), 75116 its northern part (Chaillot, Étoile, Dauphine).
  { postcode: '75016', city: 'Paris', centroid: [48.85, 2.268] },
  { postcode: '75116', city: 'Paris', centroid: [48.868, 2.283] },
  { postcode: '75019', city: 'Paris', centroid: [48.8871, 2.3848] },
  { postcode: '75020', city: 'Paris', centroid: [48.8634, 2.4011] },

  // ------------------------------------------------------------------ near suburbs
  // East (P06 Montreuil)
  { postcode: '93170', city: 'Bagnolet', centroid: [48.869, 2.418] },
  { postcode: '93260', city: 'Les Lilas', centroid: [48.88, 2.419] },
  { postcode: '93310', city: 'Le Pré-Saint-Gervais', centroid: [48.885, 2.404] },
  { postcode: '93230', city: 'Romainville', centroid: [48.884, 2.435] },
  { postcode: '93500', city: 'Pantin', centroid: [48.894, 2.409] },
  { postcode: '94300', city: 'Vincennes', centroid: [48.8474, 2.439] },
  { postcode: '94160', city: 'Saint-Mandé', centroid: [48.8422, 2.4186] },
  { postcode: '94120', city: 'Fontenay-sous-Bois', centroid: [48.851, 2.477] },
  { postcode: '94220', city: 'Charenton-le-Pont', centroid: [48.822, 2.414] },
  // South (P04 Butte-aux-Cailles, P02 Commerce)
  { postcode: '94270', city: 'Le Kremlin-Bicêtre', centroid: [48.81, 2.3581] },
  { postcode: '94250', city: 'Gentilly', centroid: [48.8133, 2.3444] },
  { postcode: '94200', city: 'Ivry-sur-Seine', centroid: [48.8135, 2.387] },
  { postcode: '92120', city: 'Montrouge', centroid: [48.8163, 2.3163] },
  { postcode: '92240', city: 'Malakoff', centroid: [48.8169, 2.2983] },
  { postcode: '92170', city: 'Vanves', centroid: [48.8216, 2.29] },
  // West (P07 Boulogne)
  { postcode: '92130', city: 'Issy-les-Moulineaux', centroid: [48.824, 2.27] },
  { postcode: '92210', city: 'Saint-Cloud', centroid: [48.844, 2.219] },
  { postcode: '92310', city: 'Sèvres', centroid: [48.8239, 2.211] },
  { postcode: '92190', city: 'Meudon', centroid: [48.813, 2.238] },
  { postcode: '92150', city: 'Suresnes', centroid: [48.871, 2.225] },
  // North-west (P08 Levallois, P05 Batignolles, P03 Abbesses)
  { postcode: '92200', city: 'Neuilly-sur-Seine', centroid: [48.8846, 2.2697] },
  { postcode: '92110', city: 'Clichy', centroid: [48.904, 2.306] },
  { postcode: '92400', city: 'Courbevoie', centroid: [48.897, 2.253] },
  { postcode: '92800', city: 'Puteaux', centroid: [48.884, 2.238] },
  { postcode: '92600', city: 'Asnières-sur-Seine', centroid: [48.914, 2.287] },
  { postcode: '92270', city: 'Bois-Colombes', centroid: [48.918, 2.268] },
  { postcode: '92250', city: 'La Garenne-Colombes', centroid: [48.907, 2.245] },
  { postcode: '93400', city: 'Saint-Ouen-sur-Seine', centroid: [48.911, 2.334] },
];

/** Every place, postcode centroids first (street null), then the streets of each postcode. */
export const SERVED_AREA_PLACES: readonly ServedAreaPlace[] = [
  ...AREAS.map(({ postcode, city, centroid: [lat, lng] }) => ({ postcode, city, street: null, lat, lng })),
  ...AREAS.flatMap(({ postcode, city, streets = [] }) =>
    streets.map(([street, lat, lng]) => ({ postcode, city, street, lat, lng })),
  ),
];
