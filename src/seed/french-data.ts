/** Word lists for realistic French demo customers. */

export const femaleFirstNames = [
  'Claire', 'Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Sarah', 'Julie', 'Emma', 'Louise', 'Anaïs', 'Céline',
  'Nathalie', 'Isabelle', 'Sophie', 'Sandrine', 'Valérie', 'Aurélie', 'Élodie', 'Mélanie', 'Nadia', 'Fatima',
  'Yasmine', 'Hélène', 'Brigitte', 'Monique', 'Chantal', 'Océane', 'Zoé', 'Margaux', 'Myriam', 'Angélique',
] as const;

export const maleFirstNames = [
  'Stéphane', 'Patrice', 'Thomas', 'Nicolas', 'Julien', 'Maxime', 'Lucas', 'Hugo', 'Antoine', 'Pierre', 'Jean',
  'Philippe', 'Laurent', 'Olivier', 'Christophe', 'Sébastien', 'Frédéric', 'David', 'Karim', 'Mehdi', 'Youssef',
  'Mathieu', 'Guillaume', 'Romain', 'Alexandre', 'Bernard', 'Michel', 'François', 'Éric', 'Xavier', 'Noah', 'Théo',
] as const;

export const lastNames = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon',
  'Michel', 'Lefèvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont',
  'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Lefebvre', 'Faure', 'André', 'Mercier', 'Blanc', 'Guérin',
  'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Garcia', 'Perrin', 'Robin', 'Clément',
  'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Gautier', 'Masson', 'Marchand', 'Duval', 'Denis', 'Dumont',
  'Marie', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier', 'Brun', 'Blanchard', 'Giraud', 'Joly', 'Rivière',
  'Lucas', 'Brunet', 'Gaillard', 'Barbier', 'Arnaud', 'Martinez', 'Gérard', 'Roche', 'Renard', 'Schmitt', 'Roy',
  'Leroux', 'Colin', 'Vidal', 'Caron', 'Picard', 'Roger', 'Fabre', 'Aubert', 'Lemoine', 'Renaud', 'Dumas', 'Le Gall',
  'Benali', 'Haddad', 'Nguyen', 'Da Silva', 'Ferreira', 'Kaya', 'Diallo', 'Traoré', 'Bouvier', 'Jacquinet',
] as const;

export const cities = [
  { city: 'Paris', postcodes: ['75011', '75015', '75018', '75020', '75012'] },
  { city: 'Nancy', postcodes: ['54000', '54100'] },
  { city: 'Vandœuvre-lès-Nancy', postcodes: ['54500'] },
  { city: 'Metz', postcodes: ['57000', '57050'] },
  { city: 'Lyon', postcodes: ['69003', '69007', '69008'] },
  { city: 'Marseille', postcodes: ['13001', '13005', '13008'] },
  { city: 'Toulouse', postcodes: ['31000', '31200', '31400'] },
  { city: 'Lille', postcodes: ['59000', '59800'] },
  { city: 'Bordeaux', postcodes: ['33000', '33800'] },
  { city: 'Nantes', postcodes: ['44000', '44300'] },
  { city: 'Strasbourg', postcodes: ['67000', '67100'] },
  { city: 'Rennes', postcodes: ['35000', '35200'] },
  { city: 'Montpellier', postcodes: ['34000', '34070'] },
  { city: 'Colombes', postcodes: ['92700'] },
  { city: 'Vitry-sur-Seine', postcodes: ['94400'] },
  { city: 'Saint-Denis', postcodes: ['93200'] },
  { city: 'Rouen', postcodes: ['76000'] },
  { city: 'Dijon', postcodes: ['21000'] },
  { city: 'Grenoble', postcodes: ['38000', '38100'] },
  { city: 'Clermont-Ferrand', postcodes: ['63000'] },
  { city: 'Brest', postcodes: ['29200'] },
  { city: 'Limoges', postcodes: ['87000'] },
  { city: 'Tours', postcodes: ['37000'] },
  { city: 'Amiens', postcodes: ['80000'] },
] as const;

export const streets = [
  'rue de la République', 'avenue Jean Jaurès', 'rue Victor Hugo', 'boulevard Gambetta', 'rue Pasteur',
  'rue des Écoles', 'place de la Mairie', 'rue du Général Leclerc', 'avenue de la Gare', 'rue Saint-Jean',
  'rue des Tilleuls', 'allée des Érables', 'rue Jules Ferry', 'rue de Verdun', 'chemin des Vignes',
  'rue Stanislas', 'rue des Jardins', 'impasse des Lilas', 'avenue Foch', 'rue Émile Zola',
] as const;

export const boxPlans = ['Box Fibre Essentiel', 'Box Fibre Pop', 'Box Fibre Ultra 8 Gb/s', 'Box ADSL Révolution'] as const;
export const mobilePlans = ['Forfait 2 h', 'Forfait 5G 150 Go', 'Forfait 5G 350 Go', 'Forfait Série Spéciale 100 Go'] as const;
